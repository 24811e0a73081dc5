package io.failwise.cli.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.testing.Cli;

/**
 * How the scenario tests read a file of playbooks/scenarios: each file's test (in the Scenarios*Test
 * class of its theme, or LearnedPriorScenariosTest) checks that it gives the answer its comments promise,
 * for the right reason.
 */
final class ScenarioFiles {
  static final String DIR = "playbooks/scenarios/";

  private ScenarioFiles() {}

  /** `failwise estimate -f playbooks/scenarios/FILE -o json`, which must succeed. */
  static JsonNode estimate(String file) {
    Cli.Result r = Cli.run("estimate", "-f", DIR + file, "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    return r.json();
  }

  /** The option called {@code name} among the estimate's options, which must be there. */
  static JsonNode option(JsonNode estimate, String name) {
    for (JsonNode o : estimate.path("options")) {
      if (o.path("option").asText().equals(name)) {
        return o;
      }
    }
    throw new AssertionError("no option " + name + " in " + estimate);
  }
}
