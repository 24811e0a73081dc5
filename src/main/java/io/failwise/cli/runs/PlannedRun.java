package io.failwise.cli.runs;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.cli.Durations;
import io.failwise.cli.UserInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The FailoverRun {@code failwise plan} plans: one of the files' (--run, or the only one when no --source
 * is given), or one made of the options; each refusal names the option and what the files hold.
 *
 * @param fileRun the FailoverRun of the files that is planned, or null for a run made of the options
 */
record PlannedRun(FailoverRun run, ResourceSet.Sourced<FailoverRun> fileRun) {
  /** plan's options that make the run, and whether an option was given on the command line. */
  record Options(
      String runName, String source, String target, String playbook, FailoverRunSpec.Mode mode, Integer maxPercent, String hold,
      Predicate<String> given) {}

  static PlannedRun of(Options o, ResourceSet set, List<ResourceSet.Sourced<Cluster>> world) {
    if (o.runName() != null || (o.source() == null && set.runs.size() == 1)) {
      var found = set.runs.stream().filter(r -> o.runName() == null || r.resource().getMetadata().getName().equals(o.runName())).findFirst();
      if (found.isEmpty()) {
        List<String> names = set.runs.stream().map(r -> r.resource().getMetadata().getName()).distinct().toList();
        throw new UserInputException("--run " + o.runName() + ": no FailoverRun of that name in the files; FailoverRuns there: "
            + (names.isEmpty() ? "(none)" : String.join(", ", names)));
      }
      String name = found.get().resource().getMetadata().getName();
      for (String[] field : PlanProblems.RUN_FIELDS) {
        if (o.given().test(field[0])) {
          throw new UserInputException(field[0] + ": cannot be combined with " + (o.runName() == null ? "the FailoverRun " + name + " of the files" : "--run " + name)
              + ": the run's " + field[1] + " is used; change it in " + found.get().doc().where() + ", or plan without a FailoverRun by giving --source and"
              + " the other options instead");
        }
      }
      return new PlannedRun(found.get().resource(), found.get());
    }
    if (o.source() == null) {
      throw new UserInputException(
          "name the cluster whose devices move with --source (or give a FailoverRun with --run); clusters in the files: "
              + String.join(", ", world.stream().map(c -> c.resource().getMetadata().getName()).distinct().toList()));
    }
    var found = world.stream().filter(c -> c.resource().getMetadata().getName().equals(o.source())).toList();
    if (found.isEmpty()) {
      List<Path> inScenarios = world == set.scenarioClusters ? List.of() : set.scenarioClusters.stream().filter(c -> c.resource().getMetadata().getName().equals(o.source()))
          .map(c -> c.doc().file()).distinct().toList();
      throw new UserInputException("--source " + o.source() + ": no Cluster of that name in the files; Clusters: " + names(world, null)
          + (inScenarios.isEmpty() ? "" : " (the " + o.source() + " of " + inScenarios.get(0) + (inScenarios.size() > 1 ? " and " + (inScenarios.size() - 1)
              + " more Scenario files" : "") + " is an estimate Scenario's, set aside: give the file that defines the real one)"));
    }
    if (found.size() > 1) {
      // One name in two namespaces: which one is meant is not the order of -f's to decide.
      throw new UserInputException("--source " + o.source() + ": Clusters of that name in " + found.size() + " namespaces: "
          + String.join("; ", found.stream().map(c -> c.namespace() + " (" + c.doc().where() + ")").toList())
          + "; give the files of one namespace, or plan a FailoverRun (--run), which names its namespace");
    }
    var cluster = java.util.Optional.of(found.get(0));
    String ns = cluster.get().namespace();
    if (o.target() != null && world.stream().noneMatch(c -> c.namespace().equals(ns) && c.resource().getMetadata().getName().equals(o.target()))) {
      throw new UserInputException("--target " + o.target() + ": no Cluster of that name in namespace " + ns + " of the files; Clusters there: "
          + names(world, ns));
    }
    if ((o.maxPercent() != null || o.hold() != null) && o.mode() == FailoverRunSpec.Mode.Failover) {
      throw new UserInputException((o.maxPercent() != null ? "--max-percent" : "--hold") + ": bounds a drill only; with --mode " + o.mode()
          + " every device moves; add --mode Drill (or --mode Plan to plan a drill), or leave it out");
    }
    String pb = o.playbook();
    if (pb == null) {
      List<String> names = set.playbooks.stream().filter(p -> p.namespace().equals(ns)).map(p -> p.resource().getMetadata().getName()).distinct().toList();
      if (names.size() != 1) {
        throw new UserInputException("name the playbook with --playbook; FailoverPlaybooks in namespace " + ns + " of the files: "
            + (names.isEmpty() ? "(none)" : String.join(", ", names)));
      }
      pb = names.get(0);
    } else if (set.playbooks.stream().noneMatch(p -> p.namespace().equals(ns) && p.resource().getMetadata().getName().equals(o.playbook()))) {
      throw new UserInputException("--playbook " + o.playbook() + ": no FailoverPlaybook of that name in namespace " + ns + " of the files; FailoverPlaybooks there: "
          + names(set.playbooks, ns));
    }
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withName("plan").withNamespace(ns).build());
    FailoverRunSpec s = new FailoverRunSpec();
    s.playbook = pb;
    s.source = o.source();
    s.target = o.target();
    s.mode = o.mode();
    if (o.mode() == FailoverRunSpec.Mode.Drill || o.maxPercent() != null || o.hold() != null) {
      s.drill = new FailoverRunSpec.Drill();
      if (o.maxPercent() != null) {
        s.drill.maxPercent = o.maxPercent();
      }
      if (o.hold() != null) {
        s.drill.holdSeconds = Durations.parse("--hold", o.hold()).toSeconds();
      }
    }
    run.setSpec(s);
    return new PlannedRun(run, null);
  }

  /** The distinct names of a kind in the files (of one namespace unless null), or (none). */
  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> String names(List<ResourceSet.Sourced<T>> list, String namespace) {
    List<String> names = list.stream().filter(s -> namespace == null || s.namespace().equals(namespace))
        .map(s -> s.resource().getMetadata().getName()).distinct().toList();
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

}
