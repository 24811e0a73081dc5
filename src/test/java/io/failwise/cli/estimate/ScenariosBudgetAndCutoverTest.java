package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.ScenarioFiles.estimate;
import static io.failwise.cli.estimate.ScenarioFiles.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.testing.Cli;
import org.junit.jupiter.api.Test;

/**
 * The scenarios of playbooks/scenarios whose answer turns on what a failover may spend or how long its
 * cutover may take (a spent daily budget, a wide cutover against a narrow one) give the answer their
 * comments promise, for the right reason.
 */
class ScenariosBudgetAndCutoverTest {
  @Test
  void aSpentBudgetHoldsBecauseTheBetterFailoverCannotRunAndSaysSo() {
    // The numbers of total-outage-hours.yaml: failing over now costs 8.90 M device-minutes against 53.98 M
    // for holding, so without limits the answer is FAILOVER. Two failovers already in the last 24 h spend
    // the daily budget (2, the controller's failwise.runs.budget.failovers-per-day): HOLD is the best
    // action that can run, and the explanation names the failover it blocks and the budget that blocks it.
    JsonNode e = estimate("spent-budget.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    JsonNode blocked = e.path("blocked");
    assertEquals("FAILOVER", blocked.path("option").asText());
    assertEquals("go-eu-north-1", blocked.path("target").asText());
    assertEquals("BUDGET", blocked.path("cause").asText());
    assertTrue(blocked.path("until").isNull(), "which failover frees the budget first is not stated");
    String explanation = e.path("explanation").asText();
    assertTrue(
        explanation.startsWith(
            "Blocked: failing go-eu-west-1 over to go-eu-north-1 now would be the better bet (8.90 M device-minutes expected"
                + " against 53.98 M for holding and deciding again), but it cannot run now: the daily budget of go-eu-west-1 is"
                + " used up: 2 failovers in the last 24 h (limit 2)"),
        explanation);
    assertTrue(explanation.contains("Holding is the best action that can run."), explanation);
    // Held only for the block, it does not go on to argue for holding (an outside pass read "Hold: ... Failover pays
    // off only if ... (probability 0.79)" right after "failing over would be the better bet"): it states the move's facts.
    assertTrue(explanation.contains("Holding is the best action that can run. Failing go-eu-west-1 over to go-eu-north-1 disrupts all 180,000"
        + " devices for about 26 min and again at failback, and pays off if the outage lasts another 48 min (probability 0.79)."), explanation);
    assertTrue(!explanation.contains("Hold:") && !explanation.contains("only if"), explanation);
    // The same files without spec.budget: FAILOVER, so it is the budget that holds.
    assertEquals("FAILOVER", estimate("total-outage-hours.yaml").path("recommendation").asText());
  }

  @Test
  void aWideCutoverAloneTurnsAFailoverIntoAHoldOnTheSameOutage() {
    // The same outage in both files: 120,000 of 180,000 devices offline for 30 min, cutover median 10 min.
    // Wide (p90 2 h): sigma = ln(12) / 1.2816 = 1.94, so the cutover's mean is e^(sigma^2/2) = 6.55 x the
    // median, 65.5 min. A cluster failover moves all 180,000 there and back: 180,000 x 65.5 min x 2 + two
    // admission queues (0.56 M) = 24.15 M; at the cutover's p90 (120 min) 43.76 M, so FAILOVER's p90 is no
    // longer its mean. Holding 15 min and deciding again is expected to cost 21.03 M: HOLD.
    JsonNode wide = estimate("wide-cutover.yaml");
    assertEquals("HOLD", wide.path("recommendation").asText());
    JsonNode dm = option(wide, "FAILOVER").path("deviceMinutes");
    assertTrue(Math.abs(dm.path("mean").asLong() - 24_151_047) < 1_000, dm.toString());
    assertTrue(Math.abs(dm.path("p90").asLong() - 43_762_500) < 1_000, dm.toString());
    JsonNode w = wide.path("waiting");
    assertTrue(w.path("holdThenDecideMean").asLong() < w.path("actNowMean").asLong(), w.toString());
    assertTrue(Math.abs(w.path("holdThenDecideMean").asLong() - 21_028_173) < 1_000, w.toString());
    // Narrow (p90 11 min, the spread of measured failovers of one size): sigma = ln(1.1) / 1.2816 = 0.074,
    // the mean 10.03 min, 180,000 x 10.03 x 2 + 0.56 M = 4.17 M, below the same 5.52 M of holding a step.
    JsonNode narrow = estimate("narrow-cutover.yaml");
    assertEquals("FAILOVER", narrow.path("recommendation").asText());
    JsonNode ndm = option(narrow, "FAILOVER").path("deviceMinutes");
    assertTrue(Math.abs(ndm.path("mean").asLong() - 4_172_470) < 1_000, ndm.toString());
    assertTrue(ndm.path("p90").asLong() < dm.path("p90").asLong(), "the wider cutover raises FAILOVER's p90");
    // Where the answer turns, the median and p90 scaled together, and said so: "the median cutover under 7 min
    // 30 s" read as the median alone, which with the p90 held at 2 h widens the spread and makes failing over dearer.
    Cli.Result text = Cli.run("estimate", "-f", "playbooks/scenarios/wide-cutover.yaml");
    assertTrue(text.out().contains("FAILOVER if the cutover were under 7 min 30 s median and 1 h 30 min 6 s p90 (10 min and 2 h now)"),
        text.out());
    // Holding costs the same in both: only the cutover's width differs between the files.
    assertEquals(option(wide, "HOLD").path("deviceMinutes").path("mean").asLong(), option(narrow, "HOLD").path("deviceMinutes").path("mean").asLong());
  }
}
