package io.failwise.cli.runs;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.validation.PlaybookValidator;
import io.failwise.api.validation.Problem;
import io.failwise.api.validation.RunValidator;
import io.failwise.cli.CommandLineSetup;
import io.failwise.model.Format;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code failwise validate DIR|FILE...}: checks playbooks, runs, clusters and regions offline, as a
 * pull request check: the schema and CEL rules (which the embedded server does not enforce), the
 * references between them, waves ascending and ending at 100, a failback where one is required.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check FailoverPlaybooks, FailoverRuns, Clusters, Regions and FailoverPolicies in YAML or JSON files or folders, offline.",
      "Estimate Scenario files are read as estimate reads them. Prints one line per problem and exits 2 if there is any;"
          + " other kinds (ConfigMap...) are skipped.",
      "With --settings, also what the controller would refuse under its allow-lists (as plan --settings says it)."
    })
public class ValidateCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "DIR|FILE",
      arity = "0..*",
      description = "YAML or JSON files, or folders read recursively (*.yaml, *.yml, *.json, as kubectl apply -f reads them); a List (kubectl get -o yaml) counts as its items.")
  List<Path> paths = new java.util.ArrayList<>();

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "DIR|FILE",
      description = "The same as a DIR|FILE argument, as kubectl and failwise plan take files; may be repeated.")
  List<Path> filenames = new java.util.ArrayList<>();

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "The namespace of each Failwise document that names none, as kubectl apply -n or kustomize's namespace: would"
          + " give it. Without it such a document is in namespace default, as kubectl apply would put it.")
  String namespace;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text, json, junit (JUnit XML for CI test reports) or github (workflow-command annotations); default: ${DEFAULT-VALUE}.")
  ValidateOutput.Format output;

  @Option(
      names = "--settings",
      paramLabel = "FILE",
      description = "The controller's settings (e.g. manifests/settings/application.properties): also report each run, and each playbook"
          + " with every Cluster in the files as its source, that the controller would refuse under failwise.allow.objects or"
          + " failwise.allow.webhooks.")
  Path settings;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    paths = new java.util.ArrayList<>(paths);
    paths.addAll(filenames);
    if (paths.isEmpty()) {
      throw new io.failwise.cli.UserInputException("give the files or folders to validate, as arguments or with -f (validate playbooks/ manifests/samples/)");
    }
    ResourceSet set = ResourceSet.read(paths, namespace);
    List<String> problems = new ArrayList<>(set.problems);
    for (var p : set.playbooks) {
      PlaybookValidator.validate(p.resource()).forEach(x -> problems.add(line(p.doc().where(), x)));
    }
    ClusterChecks.problems(set, problems::add);
    for (var r : set.runs) {
      String ns = r.namespace();
      Map<String, FailoverPlaybook> playbooks = set.playbooks.isEmpty() ? null : ResourceSet.byName(set.playbooks, ns);
      Map<String, Cluster> clusters = set.clusters.isEmpty() ? null : ResourceSet.byName(set.clusters, ns);
      Set<String> invalid = new HashSet<>(set.clusterNames.getOrDefault(ns, Set.of()));
      invalid.removeAll(clusters == null ? Set.of() : clusters.keySet());
      RunValidator.validate(r.resource(), new RunValidator.References(playbooks, clusters, invalid))
          .forEach(x -> problems.add(line(r.doc().where(), x)));
      var runSpec = r.resource().getSpec();
      if (clusters != null && runSpec != null && runSpec.source != null && runSpec.target != null) {
        ClusterChecks.sameRegion(clusters.get(runSpec.source), clusters.get(runSpec.target))
            .ifPresent(why -> problems.add(r.doc().where() + ": spec.target: " + why
                + ": no regional failover, so the run fails its TargetInAnotherRegion precheck; name a cluster of another region or leave"
                + " spec.target out"));
      }
    }
    for (var p : set.policies) {
      policyReferences(set, p, problems::add);
    }
    ScenarioChecks.problems(set, List.copyOf(problems), problems::add);
    nothingToValidate(set, problems);
    if (settings != null) {
      problems.addAll(SettingsCheck.problems(set, settings, java.time.Instant.now()));
    }
    notesLast(problems);
    if (output != ValidateOutput.Format.text) {
      String summary = problems.isEmpty()
          ? ok(set)
          : counted(problems);
      ValidateOutput.print(output, problems, summary, spec.commandLine().getOut());
      return problems.isEmpty() ? 0 : CommandLineSetup.BAD_INPUT;
    }
    if (!problems.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(err::println);
      err.println(counted(problems) + " in " + paths.stream().map(Path::toString).collect(Collectors.joining(" ")));
      err.flush();
      return CommandLineSetup.BAD_INPUT;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        ok(set)
            + (set.skippedText().isEmpty() ? "" : " Skipped, as validate does not check them: " + set.skippedText() + "."));
    out.flush();
    return 0;
  }

  /**
   * What was checked: the Clusters of the world runs and policies refer to, and apart, those of estimate
   * Scenario files (each its own world), so that 4 sample clusters do not read as 40.
   */
  static String ok(ResourceSet set) {
    int inScenarios = set.scenarioClusters.size();
    return "OK: " + count(set.playbooks.size(), "FailoverPlaybook") + ", " + count(set.runs.size(), "FailoverRun") + ", "
        + count(set.clusters.size(), "Cluster") + (inScenarios > 0 ? " (and " + inScenarios + " in Scenario files)" : "") + ", "
        + count(set.regions.size(), "Region") + ", " + count(set.policies.size(), "FailoverPolicy")
        + (set.scenarios > 0 ? ", " + count(set.scenarios, "Scenario") : "") + " in " + count(set.files, "file") + "."
        + notChecked(set);
  }

  /**
   * The references the OK did not check because the files hold no object of their kind: "OK" for a lone run
   * file read as if its playbook and clusters had been found. Empty when every reference was checked.
   */
  static String notChecked(ResourceSet set) {
    List<String> missing = new ArrayList<>();
    long runsNamingPlaybook = set.runs.stream().filter(r -> r.resource().getSpec() != null && present(r.resource().getSpec().playbook)).count();
    long policiesNamingPlaybook = set.policies.stream().filter(p -> p.resource().getSpec() != null && present(p.resource().getSpec().playbook)).count();
    if (set.playbooks.isEmpty() && runsNamingPlaybook + policiesNamingPlaybook > 0) {
      missing.add("the FailoverPlaybooks named by " + namedBy(runsNamingPlaybook, policiesNamingPlaybook));
    }
    long runsNamingCluster = set.runs.stream().filter(r -> r.resource().getSpec() != null && present(r.resource().getSpec().source)).count();
    long policiesNamingCluster = set.policies.stream().filter(p -> p.resource().getSpec() != null && p.resource().getSpec().selector != null
        && p.resource().getSpec().selector.clusters != null && !p.resource().getSpec().selector.clusters.isEmpty()).count();
    if (set.clusterNames.isEmpty() && runsNamingCluster + policiesNamingCluster > 0) {
      missing.add("the Clusters named by " + namedBy(runsNamingCluster, policiesNamingCluster));
    }
    // A Cluster whose Region does not exist is not Ready on the cluster: the OK must not read as if it were checked.
    long clustersNamingRegion = set.clusters.stream().filter(c -> c.resource().getSpec() != null && present(c.resource().getSpec().region)).count();
    if (set.regionNames.isEmpty() && clustersNamingRegion > 0) {
      missing.add("the Regions named by " + count((int) clustersNamingRegion, "Cluster"));
    }
    return missing.isEmpty() ? "" : " Not checked, as the files hold none of them: " + String.join("; ", missing)
        + " (validate them with the files that hold them, e.g. validate playbooks/ manifests/samples/ and this file).";
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static String namedBy(long runs, long policies) {
    return runs > 0 && policies > 0
        ? count((int) runs, "FailoverRun") + " and " + count((int) policies, "FailoverPolicy")
        : runs > 0 ? count((int) runs, "FailoverRun") : count((int) policies, "FailoverPolicy");
  }

  static String line(String where, Problem p) {
    return where + ": " + p.field() + ": " + p.message();
  }

  /**
   * A FailoverPolicy's references, checked as the controller's policy reconciler does on the cluster: the
   * playbook of a Stage or Auto policy exists in its namespace (its own problems are the playbook's
   * lines), and each Cluster it selects by name exists there. Skipped when the files hold no such kind.
   */
  static void policyReferences(ResourceSet set, ResourceSet.Sourced<io.failwise.api.FailoverPolicy> p, java.util.function.Consumer<String> out) {
    var spec = p.resource().getSpec();
    if (spec == null) {
      out.accept(p.doc().where() + ": spec: is required: selector, and for Stage or Auto a playbook");
      return;
    }
    String ns = p.namespace();
    if (spec.playbook != null && !spec.playbook.isBlank() && !set.playbooks.isEmpty()) {
      Map<String, FailoverPlaybook> playbooks = ResourceSet.byName(set.playbooks, ns);
      if (!playbooks.containsKey(spec.playbook)) {
        out.accept(p.doc().where() + ": spec.playbook: FailoverPlaybook '" + spec.playbook + "' does not exist in namespace " + ns + " of the files; known: "
            + (playbooks.isEmpty() ? "(none)" : String.join(", ", playbooks.keySet())));
      }
    }
    Set<String> clusters = set.clusterNames.get(ns);
    if (spec.selector != null && spec.selector.clusters != null && !set.clusterNames.isEmpty()) {
      for (int i = 0; i < spec.selector.clusters.size(); i++) {
        String c = spec.selector.clusters.get(i);
        if (clusters == null || !clusters.contains(c)) {
          out.accept(p.doc().where() + ": spec.selector.clusters[" + i + "]: Cluster '" + c + "' does not exist in namespace " + ns + " of the files; known: "
              + (clusters == null || clusters.isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(clusters))));
        }
      }
    }
    matchLabels(set, p, out);
  }

  /**
   * A label selector that selects none of the Clusters the files hold in its namespace: the policy would
   * watch nothing (NoClusters) once applied, and a misspelt label value passed validate with "OK". Said only
   * when the files hold that namespace's Clusters, as for the names above.
   */
  private static void matchLabels(ResourceSet set, ResourceSet.Sourced<io.failwise.api.FailoverPolicy> p, java.util.function.Consumer<String> out) {
    var selector = p.resource().getSpec().selector;
    String ns = p.namespace();
    List<Cluster> inNamespace = set.clusters.stream().filter(c -> c.namespace().equals(ns)).map(ResourceSet.Sourced::resource).toList();
    if (selector == null || selector.matchLabels == null || selector.matchLabels.isEmpty() || inNamespace.isEmpty()) {
      return;
    }
    Map<String, String> wanted = selector.matchLabels;
    boolean any = inNamespace.stream().anyMatch(c -> {
      Map<String, String> labels = c.getMetadata().getLabels() == null ? Map.of() : c.getMetadata().getLabels();
      return wanted.entrySet().stream().allMatch(e -> e.getValue() != null && e.getValue().equals(labels.get(e.getKey())));
    });
    if (!any) {
      Set<String> seen = new java.util.TreeSet<>();
      inNamespace.forEach(c -> {
        if (c.getMetadata().getLabels() != null) {
          c.getMetadata().getLabels().forEach((k, v) -> seen.add(k + "=" + v));
        }
      });
      out.accept(p.doc().where() + ": spec.selector.matchLabels: selects none of the " + Format.plural(inNamespace.size(), "Cluster") + " in namespace "
          + ns + " of the files; their labels: " + (seen.isEmpty() ? "(none)" : String.join(", ", seen)));
    }
  }

  /**
   * A path that gave no document, or files without a Failwise resource: a CI job that validates nothing
   * must not pass (a moved folder, a glob that matched an empty file). A file that did not parse is not
   * one of them: its syntax error is its problem, reported once.
   */
  private void nothingToValidate(ResourceSet set, List<String> problems) {
    for (Path p : paths) {
      boolean gave = java.util.stream.Stream.concat(set.withDocuments.stream(), set.unparsable.stream())
          .anyMatch(f -> f.equals(p) || f.normalize().startsWith(p.normalize()));
      if (!gave && java.nio.file.Files.exists(p)) {
        problems.add(p + ": nothing to validate: " + (java.nio.file.Files.isDirectory(p) ? "the folder has no YAML or JSON document (*.yaml, *.yml, *.json)"
            : "the file has no YAML document") + "; give the files that hold the FailoverPlaybooks, FailoverRuns, Clusters, Regions or FailoverPolicies");
      }
    }
    int resources = set.playbooks.size() + set.runs.size() + set.everyCluster.size() + set.regions.size() + set.policies.size();
    if (problems.isEmpty() && resources == 0) {
      problems.add(paths.stream().map(Path::toString).collect(Collectors.joining(" ")) + ": nothing to validate: no FailoverPlaybook, FailoverRun,"
          + " Cluster, Region or FailoverPolicy in " + count(set.files, "file")
          + (set.skippedText().isEmpty() ? "" : " (only what validate does not check: " + set.skippedText() + ")"));
    }
  }

  private static String count(int n, String what) {
    return n + " " + (n == 1 ? what : what.endsWith("y") ? what.substring(0, what.length() - 1) + "ies" : what + "s");
  }

  /**
   * kube-apiserver's note that the CEL rules were left unchecked, after every problem: it came between a
   * document's schema errors and its other problems, which read as if it were one of them ({@code <nil>: ...}).
   */
  static void notesLast(List<String> problems) {
    List<String> notes = problems.stream().filter(ValidateOutput::isNote).toList();
    problems.removeAll(notes);
    problems.addAll(notes);
  }

  /**
   * "1 problem": kube-apiserver's note that the CEL rules were left unchecked ("some validation rules were
   * not checked ...") is printed as it says it, but is no problem of its own to fix (a wrong enum value read
   * as "2 problems").
   */
  static String counted(List<String> problems) {
    long n = problems.stream().filter(p -> !ValidateOutput.isNote(p)).count();
    return n + (n == 1 ? " problem" : " problems");
  }
}
