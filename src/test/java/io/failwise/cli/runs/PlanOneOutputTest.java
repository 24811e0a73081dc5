package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failwise.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One output, one answer: what `failwise plan` moves, the room its precheck counts and the budget it
 * checks agree with the estimate it prints (issue 11, "estimate and plan can never disagree in one
 * output"), for a playbook that moves only the affected devices and a Scenario that states its budget.
 */
class PlanOneOutputTest {
  /**
   * One output, one plan: `plan` of the affected-devices playbook (a precheck without a cap, a shift of the
   * affected devices) on an intermittent outage (30,000 offline at once of 60,000 it touches). The
   * precheck's room was at 100% (the CRD's default) while the estimate's was at 90% (the setting), and the
   * plan moved the 30,000 offline at once while its estimate costed moving the 60,000 touched. Now the
   * unset cap is the setting, written into the plan, and the move is the affected devices.
   */
  @Test
  void aPlanOfTheAffectedDevicesMovesWhatItsEstimateCostsUnderTheSameCap(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("intermittent.yaml");
    Files.writeString(file, Files.readString(Path.of("playbooks/scenarios/device-granularity.yaml"))
        .replace("    offlineDevices: 30000\n", "    offlineDevices: 30000\n    affectedDevices: 60000\n"));
    Cli.Result r = Cli.run("plan", "-f", "playbooks/affected-devices.yaml", "-f", file.toString(), "--source", "go-eu-west-2", "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode out = new ObjectMapper().readTree(r.out());
    JsonNode estimate = out.get("estimate");
    assertEquals("FAILOVER_AFFECTED", estimate.get("recommendation").asText(), estimate.get("explanation").asText());
    JsonNode moved = null;
    for (JsonNode o : estimate.get("options")) {
      if ("FAILOVER_AFFECTED".equals(o.get("action").asText())) {
        moved = o.get("devicesMoved");
      }
    }
    assertEquals(60_000, moved.asLong(), estimate.get("explanation").asText());
    assertEquals(moved.asLong(), out.get("plan").get("devicesToMove").asLong(), "the plan moves what its estimate costs");
    assertTrue(estimate.get("explanation").asText().contains("devices the outage does not touch stay"), estimate.get("explanation").asText());
    JsonNode room = null;
    for (JsonNode c : out.get("prechecks")) {
      if ("TargetHasRoom".equals(c.get("name").asText())) {
        room = c;
      }
    }
    assertTrue(room.get("message").asText().contains("(90% of "), room.get("message").asText());
    assertEquals(0.9, out.get("plan").get("steps").get(0).get("spec").get("precheck").get("maxTargetUtilization").asDouble(), 1e-9,
        "the cap written into the plan");
  }

  /**
   * The repository's partial move: go-eu-north-1 has room for 40,000 of the 60,000 affected devices, and
   * the estimate moves those 40,000 (the rest stay). The plan moved all 60,000, so one output printed
   * "FAIL TargetHasRoom" and "its precheck will refuse the move" beside "Estimate: FAILOVER_AFFECTED".
   * A shift of the affected devices now moves as many as fit, and the precheck passes.
   */
  @Test
  void aPlanOfTheAffectedDevicesMovesAsManyAsFitAsItsEstimateDoes() throws Exception {
    Cli.Result r = Cli.run("plan", "-f", "playbooks/affected-devices.yaml", "-f", "playbooks/scenarios/partial-affected-move.yaml",
        "--source", "go-eu-west-2", "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode out = new ObjectMapper().readTree(r.out());
    JsonNode estimate = out.get("estimate");
    assertEquals("FAILOVER_AFFECTED", estimate.get("recommendation").asText(), estimate.get("explanation").asText());
    long moved = 0;
    for (JsonNode o : estimate.get("options")) {
      if ("FAILOVER_AFFECTED".equals(o.get("action").asText())) {
        moved = o.get("devicesMoved").asLong();
      }
    }
    assertEquals(40_000, moved, "the estimate moves what fits");
    assertEquals(moved, out.get("plan").get("devicesToMove").asLong(), "and so does the plan");
    for (JsonNode c : out.get("prechecks")) {
      assertTrue(c.get("passed").asBoolean(), c.toString());
    }
    assertTrue(out.get("plan").get("targetChoice").asText().endsWith("40,000 of the 60,000 affected devices fit there at 90% of its capacity:"
        + " the other 20,000 stay (that cost is the move's cutovers and queues; the option's total adds the outage of those that stay)."),
        out.get("plan").get("targetChoice").asText());
  }

  /**
   * A Scenario that states its source's budget (spent-budget.yaml: two failovers today, the limit) is
   * prechecked against it: every precheck passed beside an estimate blocked by the budget, and
   * --fail-on-precheck let a pipeline through that the controller refuses. Without spec.budget the budget is
   * left to the controller, as the heading says.
   */
  @Test
  void aBudgetTheScenarioStatesIsPrecheckedAsItsEstimateWeighsIt() {
    Cli.Result spent = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "playbooks/scenarios/spent-budget.yaml",
        "--source", "go-eu-west-1", "--fail-on-precheck");
    assertEquals(1, spent.exitCode(), spent.out() + spent.err());
    assertTrue(spent.out().contains("FAIL  BudgetLeft             The daily budget of go-eu-west-1 is used up: 2 failovers in the last 24 h"),
        spent.out());
    Cli.Result incident = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "playbooks/scenarios/2026-03-12-incident.yaml",
        "--source", "go-eu-west-1");
    assertTrue(!incident.out().contains("BudgetLeft"), incident.out());
  }
}
