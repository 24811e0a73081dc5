package io.failwise.cli.estimate;

import io.failwise.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios in playbooks/scenarios give the answer their comments promise, for the right reason. */
class ScenariosTest {
  private static final String DIR = "playbooks/scenarios/";

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
  void aFleetWithBlipsAndIncidentsWaitsOutTheBlipsThenFailsOver() {
    // The outage of learned-prior.yaml (120,000 of 180,000 offline, 8 min old; failing over costs 8.90 M
    // device-minutes), on a fleet whose 40 past outages are 10 blips of 10-19 min and 30 incidents of
    // 66-294 min. Two kinds are learned: the default weighs 10/50, the blips 10/50 (median 14 min), the
    // incidents 30/50 (median 2 h 45 min). At 8 min every blip on record would still be going, so the
    // chance of ending within 15 min is about a fifth (0.21): holding a step and deciding again costs
    // 8.65 M against 8.90 M, HOLD. At 21:15 the outage has outlasted every blip; if it is still going it
    // is an incident and failing over wins: the flip is the next decision.
    JsonNode e = estimate("two-kinds-of-outage.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    JsonNode prior = e.path("durationPrior");
    assertEquals(40, prior.path("pastOutages").asInt());
    JsonNode kinds = prior.path("kinds");
    assertEquals(3, kinds.size(), prior.toString());
    assertEquals(0.2, kinds.get(0).path("weight").asDouble(), 1e-9);
    assertEquals(10, kinds.get(1).path("pastOutages").asDouble(), 0.05);
    assertEquals(14.2, kinds.get(1).path("medianMinutes").asDouble(), 0.05);
    assertEquals(30, kinds.get(2).path("pastOutages").asDouble(), 0.05);
    assertEquals(165.1, kinds.get(2).path("medianMinutes").asDouble(), 0.05);
    JsonNode w = e.path("waiting");
    assertEquals(0.21, w.path("endsWithinStepProbability").asDouble(), 0.005);
    assertTrue(Math.abs(w.path("holdThenDecideMean").asLong() - 8_646_139) < 1_000, w.toString());
    assertTrue(Math.abs(w.path("actNowMean").asLong() - 8_896_544) < 1_000, w.toString());
    assertEquals("2026-03-12T21:15:00+01:00", e.path("flipsAt").asText());
    assertTrue(
        e.path("explanation").asText().contains("two kinds, 10 short (median 14 min) and 30 long (median 2 h 45 min)"),
        e.path("explanation").asText());
  }

  @Test
  void aYoungOutageOnAFleetWhoseOutagesEndSoonHoldsOnceThePriorHasLearnedFromThem(@TempDir Path dir) throws IOException {
    // 120,000 of 180,000 devices offline for 8 min; the failover (20 min cutover, there and back) costs
    // 8.90 M device-minutes whatever the prior. The default prior, median 2 h and p90 8 h, gives an
    // outage 8 minutes in a 0.06 chance of ending within the next 15 min: holding a step and deciding
    // again is expected to cost 10.15 M, so without the past outages the answer is FAILOVER.
    // The fleet's 20 past outages (16 of 8-25 min, four of 1-3 h; their own lognormal fit has median
    // 22 min) with the default weighing as 10: mu' = (10 ln 120 + 20 x 3.096) / 30, a median of 38.9 min;
    // sigma' 1.23 (from 1.08: the long four and the disagreement widen it), p90 188 min = 3 h 8 min. The
    // chance of ending within 15 min becomes 0.26, and holding a step and deciding again 7.62 M against
    // 8.90 M: HOLD. Holding for good would still cost more (10.14 M), so it flips at 11:38.
    JsonNode learned = estimate("learned-prior.yaml");
    assertEquals("HOLD", learned.path("recommendation").asText());
    JsonNode prior = learned.path("durationPrior");
    assertEquals("default+pastOutages", prior.path("source").asText());
    assertEquals(20, prior.path("pastOutages").asInt());
    assertEquals(38.85, prior.path("medianMinutes").asDouble(), 0.01);
    assertEquals(188.03, prior.path("p90Minutes").asDouble(), 0.01);
    JsonNode w = learned.path("waiting");
    assertEquals(0.26, w.path("endsWithinStepProbability").asDouble(), 0.005);
    assertTrue(Math.abs(w.path("holdThenDecideMean").asLong() - 7_619_643) < 1_000, w.toString());
    assertTrue(Math.abs(w.path("actNowMean").asLong() - 8_896_544) < 1_000, w.toString());
    assertTrue(w.path("actNowMean").asLong() < w.path("holdForeverMean").asLong(), "holding for good still costs more: " + w);
    assertEquals("2026-03-24T11:38:00+01:00", learned.path("flipsAt").asText());
    assertTrue(learned.path("explanation").asText().contains("by a prior learned from 20 past outages"), learned.path("explanation").asText());

    // The same file without spec.pastOutages: the default prior, and FAILOVER.
    String text = Files.readString(Path.of(DIR + "learned-prior.yaml"));
    int past = text.indexOf("  pastOutages:\n");
    assertTrue(past > 0 && text.substring(past).lines().skip(1).allMatch(l -> l.startsWith("    - {start: ")), "pastOutages is the file's last block");
    Path stated = Files.writeString(dir.resolve("stated.yaml"), text.substring(0, past));
    Cli.Result r = Cli.run("estimate", "-f", stated.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode e = r.json();
    assertEquals("FAILOVER", e.path("recommendation").asText());
    assertEquals("default", e.path("durationPrior").path("source").asText());
    assertEquals(0, e.path("durationPrior").path("pastOutages").asInt());
    JsonNode ws = e.path("waiting");
    assertEquals(0.06, ws.path("endsWithinStepProbability").asDouble(), 0.005);
    assertTrue(Math.abs(ws.path("holdThenDecideMean").asLong() - 10_146_502) < 1_000, ws.toString());
    assertEquals(w.path("actNowMean").asLong(), ws.path("actNowMean").asLong(), "the failover costs the same: only the prior differs");
  }

  private static JsonNode estimate(String file) {
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
