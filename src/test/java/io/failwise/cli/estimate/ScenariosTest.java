package io.failwise.cli.estimate;

import io.failwise.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The scenarios in playbooks/scenarios give the answer their comments promise, for the right reason. */
class ScenariosTest {
  static final String DIR = "playbooks/scenarios/";

  @Test
  void theTwelfthOfMarchIncidentHoldsBecauseWaitingAStepIsTheBetterBet() {
    // 50,000 offline at once (the monitor's count, as the simulator plays it), 55 minutes in. Failing over
    // now for good would beat holding for good (8.90 M against 10.86 M device-minutes: the now-versus-never
    // rule would say FAILOVER), but the policy decides again in 15 minutes: holding a step costs about 0.71 M,
    // and with probability 0.10 the outage ends within it and the 8.90 M failover is never spent, so holding
    // and deciding again is expected to cost 8.41 M. Holding is right, and stays right until 23:25 if
    // nothing changes; the devices came back from 22:03.
    JsonNode e = estimate("2026-03-12-incident.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    String explanation = e.path("explanation").asText();
    assertTrue(explanation.contains("would disrupt 180,000 devices, more devices than the outage has (50,000 offline)"), explanation);
    assertTrue(explanation.contains("Waiting is the better bet: holding another 15 min costs about 713,190 device-minutes"), explanation);
    assertTrue(explanation.contains("expected to cost 8.41 M against 8.90 M for failing over now"), explanation);
    assertTrue(explanation.endsWith("If it is still going as it is at 23:25 +01:00, failing over becomes the better bet. Re-evaluate at 21:55 +01:00."), explanation);
    assertTrue(e.path("flipsAt").asText().startsWith("2026-03-12T23:25:"), e.path("flipsAt").asText());
    JsonNode w = e.path("waiting");
    assertTrue(w.path("holdThenDecideMean").asLong() < w.path("actNowMean").asLong(), w.toString());
    assertTrue(w.path("actNowMean").asLong() < w.path("holdForeverMean").asLong(), "now-versus-never would fail over: " + w);
    assertEquals("STEADY", e.path("outage").path("trend").path("kind").asText());
    assertEquals("FAILOVER", e.path("breakEven").path("option").asText());
    assertEquals("2026-03-12T21:55:00+01:00", e.path("reevaluateAt").asText());
    JsonNode failover = option(e, "FAILOVER");
    assertEquals(180_000, failover.path("devicesDisrupted").asLong());
    // For good, failing over is cheaper than holding: the hold comes from the value of waiting a step.
    assertTrue(failover.path("deviceMinutes").path("mean").asLong() < option(e, "HOLD").path("deviceMinutes").path("mean").asLong());
  }

  @Test
  void aWholeClusterDownForHoursWithAHealthyTargetFailsOver() {
    JsonNode e = estimate("total-outage-hours.yaml");
    assertEquals("FAILOVER", e.path("recommendation").asText());
    assertEquals("go-eu-north-1", e.path("target").asText());
    assertTrue(e.path("explanation").asText().startsWith("Fail over go-eu-west-1 to go-eu-north-1: 180,000 devices are offline now"), e.path("explanation").asText());
    assertTrue(e.path("breakEven").path("probability").asDouble() > 0.5);
    assertTrue(e.path("flipsAt").isNull());
  }

  @Test
  void aTargetTooSmallForTheClusterMakesFailoverInfeasibleAndSaysByHowMuch() {
    JsonNode e = estimate("target-too-small.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    JsonNode failover = option(e, "FAILOVER");
    assertFalse(failover.path("feasible").asBoolean());
    // Room is capacity x 90% (the precheck's cap) minus connected and the target's own offline devices:
    // 75,000 of the 180,000, so 105,000 do not fit.
    assertEquals(105_000, failover.path("devicesNotFitting").asLong());
    assertTrue(
        e.path("explanation").asText().contains("go-eu-north-2 has room for 75,000 of the 180,000 devices (105,000 do not fit at 90% of its capacity)"),
        e.path("explanation").asText());
    assertTrue(e.path("breakEven").path("minutes").isNull());
  }

  @Test
  void aDeviceGranularityClusterMovesOnlyItsOfflineDevices() {
    JsonNode e = estimate("device-granularity.yaml");
    assertEquals("FAILOVER_AFFECTED", e.path("recommendation").asText());
    // Both targets have room; go-eu-north-1 (priority 1) admits faster than go-eu-north-2 (priority 0), so
    // moving the 30,000 there costs fewer device-minutes: targets are chosen by cost, priority breaks ties.
    assertEquals("go-eu-north-1", e.path("target").asText());
    JsonNode affected = option(e, "FAILOVER_AFFECTED");
    assertEquals(30_000, affected.path("devicesMoved").asLong());
    JsonNode failover = option(e, "FAILOVER");
    assertTrue(failover.path("feasible").asBoolean());
    assertEquals("go-eu-north-1", failover.path("target").asText());
    assertTrue(affected.path("deviceMinutes").path("mean").asLong() < failover.path("deviceMinutes").path("mean").asLong());
    String explanation = e.path("explanation").asText();
    assertTrue(explanation.startsWith("Move only the affected devices of go-eu-west-2 to go-eu-north-1: all 30,000 affected devices"), explanation);
    assertTrue(explanation.contains("the 90,000 connected devices stay"), explanation);
  }

  @Test
  void aRecoveringOutageHoldsAndSaysWhenItIsBackAtThisRate() {
    // Readings 30,000 (21:20), 25,500, 21,000, 16,500 (21:35) and 12,000 now: a line of -900 a minute,
    // so zero in 12,000 / 900 = 13.3 min, about 21:53. Holding costs the area under that line, about
    // 12,000 x 13.3 / 2 = 80,000 device-minutes (76,097 with the prior's chance of ending sooner), while
    // failing over disrupts all 180,000 devices for a 23 min (mean) cutover there and back: 8.90 M.
    JsonNode e = estimate("recovering-trend.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    assertEquals("RECOVERING", e.path("outage").path("trend").path("kind").asText());
    String explanation = e.path("explanation").asText();
    assertTrue(explanation.startsWith("Recovering at 900 devices a minute; back by about 21:53 +01:00 at this rate."), explanation);
    long hold = option(e, "HOLD").path("deviceMinutes").path("mean").asLong();
    assertTrue(hold > 60_000 && hold < 80_000, "about the area under the falling line: " + hold);
    assertTrue(e.path("flipsAt").isNull(), "a recovering outage gives no flip: " + e.path("flipsAt"));
    // Its p90 is the whole way down (the outage outlasts 13 min with probability above 0.9), and it is
    // back when the count reaches zero, not when the prior says the outage ends.
    assertEquals(80_000, option(e, "HOLD").path("deviceMinutes").path("p90").asLong());
    assertEquals(12.8, option(e, "HOLD").path("recoveryMinutes").asDouble(), 0.5);
    // Failing over costs 8.90 M whatever the outage does; holding at most 80,000: it never pays off along
    // the fall (at the count of this moment it would, after 12 hours, which is not what the count does).
    assertTrue(e.path("breakEven").path("minutes").isNull(), e.path("breakEven").toString());
    assertTrue(explanation.contains("Hold: the 12,000 offline devices of go-eu-west-1 fall to zero by about 21:53 +01:00 at this rate: failing"
        + " it over to go-eu-north-1 would disrupt its 180,000 devices for about 26 min and again at failback, more than holding costs, so"
        + " failover never pays off while the count falls."), explanation);
  }

  @Test
  void aYoungRiseIsHeldUntilTheCountShowsWhereItLevelsOff() {
    // 40,000 offline 3 min into a loss, rising about 14,100 a minute (the least-squares line through the
    // readings younger than 5 minutes). Taken as certain, the rise reaches all 180,000 devices within 10
    // minutes and holding for good would cost tens of millions of device-minutes: the old rule failed over.
    // But a rise seen for 3 min goes on for another 3 only as likely as not, and while it rises the policy
    // decides again as soon as the count has moved by a fifth: 0.2 x 40,000 / 14,100 = 0.57 min, 34 s.
    // Holding those 34 s costs about 40,000 x 0.57 = 23,000 device-minutes (25,000 at the rising count);
    // with a chance of 1 - 3 / 3.57 = 0.16 the count levels off near 44,000 within them, below the
    // ~51,000 at which failing over pays for a steady count here, and every further step gives another such
    // chance. Holding and deciding again: 8.79 M expected, against 8.90 M for failing over now.
    JsonNode e = estimate("young-rise.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    JsonNode trend = e.path("outage").path("trend");
    assertEquals("GROWING", trend.path("kind").asText());
    assertEquals(14_100, trend.path("devicesPerMinute").asDouble(), 100);
    assertEquals(3, trend.path("riseMinutes").asDouble(), 0.1);
    JsonNode w = e.path("waiting");
    assertEquals(0.6, w.path("stepMinutes").asDouble(), 0.05);
    double wait = w.path("holdThenDecideMean").asDouble();
    double act = w.path("actNowMean").asDouble();
    assertTrue(wait < act && act - wait > 50_000, "holding and seeing where the count levels off is cheaper: " + wait + " vs " + act);
    String explanation = e.path("explanation").asText();
    assertTrue(explanation.startsWith("Growing by 14,1"), explanation);
    assertTrue(explanation.contains("A rise seen for 3 min levels off within another 3 min as likely as not"), explanation);
    assertTrue(explanation.contains("the rise levels off within it with probability 0.16"), explanation);
    // The same chance in the JSON (a rise of 3 min levels off within 0.6 min with 0.6 / 3.6), beside the
    // outage's own end within the step, which is what a steady count is weighed by.
    assertEquals(0.16, w.path("levelsOffWithinStepProbability").asDouble(), 0.005);
    assertTrue(w.path("endsWithinStepProbability").asDouble() < 0.01, w.toString());
    // Look again when the 34 s step ends, where the answer turns if the count is still rising: this
    // used to say 21:44:08 (the 5-minute minimum), four and a half minutes after the flip it predicts.
    assertEquals("2026-03-12T21:39:42+01:00", e.path("flipsAt").asText());
    assertEquals("2026-03-12T21:39:42+01:00", e.path("reevaluateAt").asText());
  }

  @Test
  void withTwoTargetsTheCheaperOneIsChosenOverTheOneFirstByPriority() {
    // go-eu-north-2 (priority 0) admits 60/s = 3,600/min: queueing 180,000 devices there costs
    // 180,000^2 / (2 x 3,600) = 4.5 M device-minutes; go-eu-north-1 (priority 1) at 57,600/min 0.28 M.
    // The cutover (23.2 min mean, there and back: 8.35 M) and the failback queue (0.28 M) are the same for
    // both, so go-eu-north-1 costs 8.90 M and go-eu-north-2 about 13.1 M: cost decides, priority only ties.
    JsonNode e = estimate("two-targets.yaml");
    assertEquals("FAILOVER", e.path("recommendation").asText());
    assertEquals("go-eu-north-1", e.path("target").asText());
    long failover = option(e, "FAILOVER").path("deviceMinutes").path("mean").asLong();
    assertTrue(Math.abs(failover - 8_896_544) < 1_000, "cutover 8.35 M + two 0.28 M queues: " + failover);
  }

  @Test
  void aTargetsOwnOfflineDevicesAreNotRoomBecauseTheyWillComeBack() {
    // 300,000 x 0.9 - 90,000 connected - 1,800 of its own offline = 178,200 < 180,000: 1,800 do not fit.
    // Counting its offline devices as room (300,000 x 0.9 - 90,000 = 180,000) would have said all fit.
    JsonNode e = estimate("target-own-devices-returning.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    JsonNode failover = option(e, "FAILOVER");
    assertFalse(failover.path("feasible").asBoolean());
    assertEquals(1_800, failover.path("devicesNotFitting").asLong());
    assertTrue(
        e.path("explanation").asText().contains("go-eu-north-1 has room for 178,200 of the 180,000 devices (1,800 do not fit at 90% of its capacity)"),
        e.path("explanation").asText());
  }

  @Test
  void aTargetWithoutHealthButMostlyOfflineIsJudgedByItsCountsAndRefused() {
    // No status.health on go-eu-north-1, but 54,000 of its 90,000 devices (60%) are offline: by the Cluster
    // health thresholds that is an Outage, so it is no target, though its room (300,000 x 0.9 - 36,000 -
    // 54,000 = 180,000) would fit every device.
    JsonNode e = estimate("target-unhealthy-by-counts.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    assertFalse(option(e, "FAILOVER").path("feasible").asBoolean());
    assertEquals(
        "go-eu-north-1 is not healthy by its counts (Outage: 54,000 of 90,000 devices are offline (60%))",
        option(e, "FAILOVER").path("reason").asText());
    assertTrue(e.path("explanation").asText().startsWith("Hold: go-eu-west-1 has no feasible failover: go-eu-north-1 is not healthy by its counts"), e.path("explanation").asText());
  }

  @Test
  void aTargetInTheSourcesOwnRegionIsRefused() {
    // A regional outage can take the whole region: a target there is no regional failover, however much
    // room it has (300,000 x 0.9 - 89,710 - 290 = 180,000 would fit).
    JsonNode e = estimate("same-region-target.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    assertEquals(
        "go-eu-west-3 is in go-eu-west-1's own region (eu-west): failing over there is no regional failover",
        option(e, "FAILOVER").path("reason").asText());
  }

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
    // Holding costs the same in both: only the cutover's width differs between the files.
    assertEquals(option(wide, "HOLD").path("deviceMinutes").path("mean").asLong(), option(narrow, "HOLD").path("deviceMinutes").path("mean").asLong());
  }

  @Test
  void aPartialAffectedMoveMovesWhatFitsAndReportsThatPlansBreakEven() {
    // Room at go-eu-north-1: 100,000 x 0.9 - 49,710 - 290 = 40,000 of the 60,000 offline devices. The whole
    // cluster (120,000) does not fit; moving the affected devices moves 40,000 and leaves 20,000 to wait for
    // the outage. That plan costs 5.11 M device-minutes against 12.47 M for holding; its break-even (23 min,
    // probability 0.86) is that of the plan: the 40,000 moved pay off once the outage outlasts their
    // cutover there and back.
    JsonNode e = estimate("partial-affected-move.yaml");
    assertEquals("FAILOVER_AFFECTED", e.path("recommendation").asText());
    JsonNode affected = option(e, "FAILOVER_AFFECTED");
    assertTrue(affected.path("partial").asBoolean());
    assertEquals(40_000, affected.path("devicesMoved").asLong());
    assertEquals(20_000, affected.path("devicesNotFitting").asLong());
    assertFalse(option(e, "FAILOVER").path("feasible").asBoolean());
    assertEquals("FAILOVER_AFFECTED", e.path("breakEven").path("option").asText());
    assertEquals(0.86, e.path("breakEven").path("probability").asDouble(), 0.01);
    assertTrue(e.path("explanation").asText().contains("40,000 of the 60,000 affected devices"), e.path("explanation").asText());
  }

  @Test
  void aPartialMoveDuringARecoveryCostsTheDevicesItLeavesAlongTheFall() {
    // partial-affected-move.yaml with the count falling 400 a minute. Holding costs A + Q = 3.34 M
    // (A the device-minutes along the fall, Q the queue at its end). Moving 40,000 of the 60,000 costs their
    // switches and leaves a third of the falling count: a third of A and a ninth of Q. Costing that third
    // as if it stayed offline until the outage ends gave 5.11 M and HOLD; along the fall it is 2.07 M,
    // below holding a step and deciding again (2.34 M): move now.
    JsonNode e = estimate("partial-move-recovering.yaml");
    assertEquals("RECOVERING", e.path("outage").path("trend").path("kind").asText());
    assertEquals("FAILOVER_AFFECTED", e.path("recommendation").asText());
    JsonNode affected = option(e, "FAILOVER_AFFECTED");
    assertEquals(40_000, affected.path("devicesMoved").asLong());
    JsonNode loss = affected.path("deviceMinutes");
    double switching = loss.path("fixed").asDouble() - 20_000.0 * 20_000 / (2 * 720 * 60);
    JsonNode hold = option(e, "HOLD").path("deviceMinutes");
    assertEquals(3_336_354, hold.path("mean").asLong());
    // Q: the 60,000 queue at 720 a second when the outage ends, at the count then (at most 41,667).
    double q = hold.path("mean").asDouble() - expectedAreaOfTheFall();
    assertTrue(q > 0 && q < 41_667, "queue " + q);
    // To 0.1%: the decision takes the count of each 15 min step at its average over the step, this sum
    // follows the line.
    assertEquals(switching + (hold.path("mean").asDouble() - q) / 3 + q / 9, loss.path("mean").asDouble(), 2_100);
    assertTrue(loss.path("mean").asDouble() < 2_100_000, loss.toString());
    assertEquals(loss.path("mean").asLong(), e.path("waiting").path("actNowMean").asLong());
    assertTrue(e.path("waiting").path("holdThenDecideMean").asLong() > loss.path("mean").asLong(), e.path("waiting").toString());
    // The devices left are back when the count reaches zero or the outage ends, as holding's are.
    assertEquals(option(e, "HOLD").path("recoveryMinutes").asDouble(), affected.path("recoveryMinutes").asDouble(), 1);
    assertEquals(25, e.path("breakEven").path("minutes").asDouble(), 1);
    assertEquals(0.85, e.path("breakEven").path("probability").asDouble(), 0.01);
  }

  /**
   * E[∫_0^R c(t) dt] for the falling count of partial-move-recovering.yaml (60,000 - 400 t, zero at 150 min),
   * by the test's own sum over the remaining outage: ∫_0^150 P(R > t) c(t) dt, P from the outlook's prior.
   */
  private static double expectedAreaOfTheFall() {
    io.failwise.model.estimate.RemainingOutage r = io.failwise.model.estimate.DurationPrior.DEFAULT.remainingAfter(30);
    double sum = 0;
    double h = 0.01;
    for (double t = h / 2; t < 150; t += h) {
      sum += r.probabilityLongerThan(t) * (60_000 - 400 * t) * h;
    }
    return sum;
  }

  /** `failwise estimate -f playbooks/scenarios/FILE -o json`, which must succeed. */
  static JsonNode estimate(String file) {
    Cli.Result r = Cli.run("estimate", "-f", DIR + file, "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    return r.json();
  }

  static JsonNode option(JsonNode estimate, String name) {
    for (JsonNode o : estimate.path("options")) {
      if (o.path("option").asText().equals(name)) {
        return o;
      }
    }
    throw new AssertionError("no option " + name + " in " + estimate);
  }
}
