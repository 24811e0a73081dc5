package io.failwise.cli.runs;

import io.failwise.api.Cluster;
import io.failwise.cli.UserInputException;
import io.failwise.cli.estimate.LoadedScenario;
import io.failwise.cli.estimate.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Clusters a plan is made in, and the estimate Scenario whose world they are, if they are one. The
 * files' own Clusters, Scenario files excepted: a Scenario's go-eu-west-1 is that what-if's, not the real
 * one (validate sets them aside too), said once on stderr so that JSON output stays a document. Without
 * any, the Clusters of the one Scenario file given, a world of its own (plan -f PLAYBOOK -f
 * playbooks/scenarios/two-targets.yaml) at the moment it states, its outage the one it states; of several,
 * none is chosen by the order of the files. A Scenario in a file of its own is a what-if of the files' Clusters.
 */
record PlanWorld(List<ResourceSet.Sourced<Cluster>> clusters, Optional<LoadedScenario> scenario, Optional<Path> scenarioFile) {
  static PlanWorld of(ResourceSet set, PrintWriter err) {
    PlanWorld world = world(set, err);
    // As estimate says them (a Scenario's count against its Cluster's status, a calibration dated later), on stderr.
    world.scenario().ifPresent(sc -> sc.warnings().forEach(w -> err.println("failwise plan: warning: " + w)));
    err.flush();
    return world;
  }

  private static PlanWorld world(ResourceSet set, PrintWriter err) {
    Set<Path> scenarios = set.scenarioFilesWithClusters();
    Set<Path> alone = set.scenarioFilesWithoutClusters();
    if (!alone.isEmpty()) {
      if (!scenarios.isEmpty() && !set.clusters.isEmpty()) {
        setAside(scenarios, err);
      }
      return withScenarioOf(set, alone);
    }
    if (scenarios.isEmpty()) {
      return new PlanWorld(set.clusters, Optional.empty(), Optional.empty());
    }
    if (set.clusters.isEmpty()) {
      if (scenarios.size() == 1) {
        Path file = scenarios.iterator().next();
        return new PlanWorld(set.scenarioClusters, Optional.of(ScenarioLoader.load(List.of(file))), Optional.of(file));
      }
      throw new UserInputException("the files' Clusters are those of " + scenarioFiles(scenarios) + ", each an estimate Scenario's world of its"
          + " own: give one of them with -f, or the files that define the real Clusters");
    }
    setAside(scenarios, err);
    return new PlanWorld(set.clusters, Optional.empty(), Optional.empty());
  }

  private static void setAside(Set<Path> scenarios, PrintWriter err) {
    err.println("failwise plan: set aside the Clusters of " + scenarioFiles(scenarios)
        + ": an estimate Scenario is a world of its own (failwise estimate -f FILE); the plan uses the Clusters of the other files");
    err.flush();
  }

  /**
   * A Scenario in a file of its own: a what-if of the Clusters the other files define, as {@code estimate
   * -f CLUSTERS -f SCENARIO} reads it (it was set aside without a word, and the plan judged the Clusters'
   * own counts, now). The Scenario is read with the Regions and Clusters of every file, the other kinds
   * left to the plan.
   */
  private static PlanWorld withScenarioOf(ResourceSet set, Set<Path> alone) {
    if (alone.size() > 1) {
      throw new UserInputException(scenarioFiles(alone) + " each hold a Scenario: a plan is made in one world at one moment; give one of them");
    }
    Path file = alone.iterator().next();
    if (set.clusters.isEmpty()) {
      throw new UserInputException(file + ": the Scenario's cluster and its targets are Clusters of the other files, and they define none;"
          + " give the files of its Clusters and Regions too");
    }
    List<Path> files = set.withDocuments.stream().filter(f -> !set.scenarioFilesWithClusters().contains(f)).toList(); // those set aside stay aside
    return new PlanWorld(set.clusters, Optional.of(ScenarioLoader.loadAmong(files)), Optional.of(file));
  }

  /**
   * The moment the plan judges the files at: a Scenario's spec.at (the only moment it states; an --at
   * naming another is refused), else {@code given} (--at, or now).
   */
  Instant moment(Instant given, String atOption) {
    if (scenario.isEmpty()) {
      return given;
    }
    Instant stated = scenario.get().input().at();
    if (atOption != null && !given.equals(stated)) {
      throw new UserInputException("--at " + atOption + ": " + scenarioFile.orElseThrow() + " is an estimate Scenario, the moment its spec.at"
          + " states (" + stated.atOffset(scenario.get().offset()) + "); leave --at out to plan at that moment, or give the files of the real"
          + " Clusters");
    }
    return stated;
  }

  private static String scenarioFiles(Set<Path> scenarios) {
    Path first = scenarios.iterator().next();
    return scenarios.size() == 1 ? "the Scenario file " + first : scenarios.size() + " Scenario files (" + first + " and " + (scenarios.size() - 1)
        + " more)";
  }
}
