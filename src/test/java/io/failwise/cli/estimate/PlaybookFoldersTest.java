package io.failwise.cli.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.sim.ScenarioFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One folder, one format: every file in playbooks/scenarios is a Scenario for {@code failwise estimate},
 * every file in playbooks/nights a night for the fleet simulator ({@code failwise demo --scenario}).
 */
class PlaybookFoldersTest {
  private static List<Path> yaml(String dir) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyFileInScenariosIsAnEstimatorScenario() throws IOException {
    List<Path> files = yaml("playbooks/scenarios");
    assertTrue(files.size() >= 12, "the scenarios: " + files);
    for (Path f : files) {
      LoadedScenario s = ScenarioLoader.load(List.of(f));
      assertFalse(s.name().isBlank(), f.toString());
    }
  }

  @Test
  void everyFileInNightsIsASimulatorNightAndTheBuiltInOnesAreShippedInTheJar() throws IOException {
    List<Path> files = yaml("playbooks/nights");
    assertFalse(files.isEmpty());
    for (Path f : files) {
      assertFalse(Files.readString(f).contains("apiVersion: failwise.io"), f + " is a Kubernetes-style document, not a night");
      ScenarioFile.read(f);
    }
    List<String> names = files.stream().map(f -> f.getFileName().toString().replace(".yaml", "")).toList();
    assertEquals(names.stream().sorted().toList(), ScenarioFile.builtInNames().stream().sorted().toList());
    for (String name : ScenarioFile.builtInNames()) {
      ScenarioFile.builtIn(name);
    }
  }
}
