package io.failwise.cli.runs;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.validation.ClusterValidator;
import io.failwise.api.validation.PlaybookValidator;
import io.failwise.api.validation.Problem;
import io.failwise.api.validation.RunValidator;
import io.failwise.cli.CommandLineSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
      "Check FailoverPlaybooks, FailoverRuns, Clusters and Regions in YAML files or folders, offline.",
      "Prints one line per problem and exits 2 if there is any; other kinds (Scenario, ConfigMap...) are skipped.",
      "With --settings, also what the controller would refuse under its allow-lists (as plan --settings says it)."
    })
public class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR|FILE", arity = "1..*", description = "YAML files, or folders read recursively (*.yaml, *.yml).")
  List<Path> paths;

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
    ResourceSet set = ResourceSet.read(paths);
    List<String> problems = new ArrayList<>(set.problems);
    for (var p : set.playbooks) {
      PlaybookValidator.validate(p.resource()).forEach(x -> problems.add(line(p.doc().where(), x)));
    }
    duplicates(set.playbooks, "FailoverPlaybook", problems);
    Set<String> regions = set.regions.isEmpty() ? null : set.regions.stream().map(r -> r.resource().getMetadata().getName()).collect(Collectors.toSet());
    Map<String, Set<String>> clusterNames = new HashMap<>();
    set.clusters.forEach(c -> clusterNames.computeIfAbsent(c.namespace(), k -> new java.util.HashSet<>()).add(c.resource().getMetadata().getName()));
    for (var c : set.clusters) {
      ClusterValidator.validate(c.resource(), new ClusterValidator.References(regions, clusterNames.get(c.namespace())))
          .forEach(x -> problems.add(line(c.doc().where(), x)));
    }
    for (var r : set.runs) {
      String ns = r.namespace();
      Map<String, FailoverPlaybook> playbooks = set.playbooks.isEmpty() ? null : ResourceSet.byName(set.playbooks, ns);
      Map<String, Cluster> clusters = set.clusters.isEmpty() ? null : ResourceSet.byName(set.clusters, ns);
      RunValidator.validate(r.resource(), new RunValidator.References(playbooks, clusters)).forEach(x -> problems.add(line(r.doc().where(), x)));
    }
    if (settings != null) {
      problems.addAll(SettingsCheck.problems(set, settings, java.time.Instant.now()));
    }
    if (output != ValidateOutput.Format.text) {
      String summary = problems.isEmpty()
          ? "OK: " + count(set.playbooks.size(), "FailoverPlaybook") + ", " + count(set.runs.size(), "FailoverRun") + ", "
              + count(set.clusters.size(), "Cluster") + ", " + count(set.regions.size(), "Region") + " in " + count(set.files, "file") + "."
          : problems.size() + (problems.size() == 1 ? " problem" : " problems");
      ValidateOutput.print(output, problems, summary, spec.commandLine().getOut());
      return problems.isEmpty() ? 0 : CommandLineSetup.BAD_INPUT;
    }
    if (!problems.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(err::println);
      err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + paths.stream().map(Path::toString).collect(Collectors.joining(" ")));
      err.flush();
      return CommandLineSetup.BAD_INPUT;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "OK: " + count(set.playbooks.size(), "FailoverPlaybook") + ", " + count(set.runs.size(), "FailoverRun") + ", "
            + count(set.clusters.size(), "Cluster") + ", " + count(set.regions.size(), "Region") + " in " + count(set.files, "file") + "."
            + (set.skipped.isEmpty() ? "" : " Skipped kinds validate does not check: "
                + set.skipped.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")) + "."));
    out.flush();
    return 0;
  }

  static String line(String where, Problem p) {
    return where + ": " + p.field() + ": " + p.message();
  }

  private static void duplicates(List<ResourceSet.Sourced<FailoverPlaybook>> list, String kind, List<String> problems) {
    Map<String, String> first = new HashMap<>();
    for (var s : list) {
      String key = s.namespace() + "/" + s.resource().getMetadata().getName();
      String earlier = first.putIfAbsent(key, s.doc().where());
      if (earlier != null) {
        problems.add(s.doc().where() + ": metadata.name: " + kind + " " + key + " is also defined in " + earlier + "; runs could not tell which one");
      }
    }
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
