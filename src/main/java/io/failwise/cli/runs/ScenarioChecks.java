package io.failwise.cli.runs;

import io.failwise.cli.UserInputException;
import io.failwise.cli.estimate.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The estimate Scenario files validate is given, read as {@code failwise estimate} reads them: a Scenario
 * with its {@code spec.outage.recent} out of order or a negative offline count passed validate ("OK")
 * and was refused by estimate, so a pipeline that validated the repository's what-ifs learned nothing. A
 * file that holds Clusters is its own world; one that holds none is a what-if of the Clusters of the other
 * files given, as {@code estimate -f SCENARIO -f CLUSTERS} reads it.
 */
final class ScenarioChecks {
  private ScenarioChecks() {}

  /**
   * Estimate's refusal of each Scenario file, unless validate has already named a problem in the document
   * it is about (estimate stops at its first, which would say one of them again in other words).
   */
  static void problems(ResourceSet set, List<String> found, Consumer<String> out) {
    List<Path> others = new ArrayList<>(set.withDocuments);
    others.removeAll(set.scenarioFilesWithClusters());
    others.removeAll(set.scenarioFilesWithoutClusters());
    for (Path file : set.scenarioFilesWithClusters()) {
      check(List.of(file), found, out);
    }
    for (Path file : set.scenarioFilesWithoutClusters()) {
      List<Path> world = new ArrayList<>(others);
      world.add(file);
      check(world, found, out);
    }
  }

  private static void check(List<Path> world, List<String> found, Consumer<String> out) {
    try {
      ScenarioLoader.loadAmong(world);
    } catch (UserInputException e) {
      String refusal = e.getMessage();
      int where = refusal.indexOf("): ");
      String document = where < 0 ? refusal : refusal.substring(0, where + 1);
      if (found.stream().noneMatch(p -> p.startsWith(document))) {
        out.accept(refusal);
      }
    }
  }
}
