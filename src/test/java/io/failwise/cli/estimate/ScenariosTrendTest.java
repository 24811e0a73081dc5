package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.ScenarioFiles.estimate;
import static io.failwise.cli.estimate.ScenarioFiles.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The scenarios of playbooks/scenarios whose answer turns on where the count goes from here (a steady
 * outage where waiting a step is the better bet, a falling count, a young rise) give the answer their
 * comments promise, for the right reason.
 */
class ScenariosTrendTest {
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
  void aRecoveringOutageTellsOneEndStory() {
    // The text's header read "Remaining outage ...: expected 3 h 37 min" (the prior, conditioned on 55
    // minutes) above an explanation saying "back by about 21:53": two ends for one outage. The estimate
    // follows the falling line (above), so the header says that first and the prior's figures as what they are.
    var text = io.failwise.testing.Cli.run("estimate", "-f", "playbooks/scenarios/recovering-trend.yaml");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("\nRemaining outage: recovering at 900 devices a minute, none offline by about 21:53 +01:00 at this rate,"
        + " which the estimate follows (by the prior median 2 h, p90 8 h, the default: expected 3 h 37 min, median 1 h 51 min, p90 8 h 28 min)\n"),
        text.out());
    assertTrue(text.out().contains("back by about 21:53 +01:00"), "the explanation tells the same end: " + text.out());
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
  void aRisesShortWaitIsSaidAndScheduledToTheSameSecond() throws Exception {
    // 1,000 offline at 21:36 and 25,000 at 21:38: the wait step is the time the rise takes to move the count
    // by the material change, 48.6 s. It read "hold 49 s" beside "Re-evaluate at 21:40:48" (the time cut to
    // the second): the time is now rounded as the wait is.
    String scenario = java.nio.file.Files.readString(java.nio.file.Path.of("playbooks/scenarios/2026-03-12-incident.yaml"))
        .replaceFirst("(?s)\n    recent:.*$", "\n    recent:\n      - {at: '2026-03-12T21:36:00+01:00', offlineDevices: 1000}\n"
            + "      - {at: '2026-03-12T21:38:00+01:00', offlineDevices: 25000}\n");
    assertTrue(scenario.contains("offlineDevices: 25000"), "the readings are in the scenario");
    java.nio.file.Path file = java.nio.file.Files.createTempFile("rise", ".yaml");
    java.nio.file.Files.writeString(file, scenario);
    io.failwise.testing.Cli.Result r = io.failwise.testing.Cli.run("estimate", "-f", file.toString());
    java.nio.file.Files.delete(file);
    assertEquals(0, r.exitCode(), r.err());
    String waiting = r.out().lines().filter(l -> l.startsWith("Waiting:")).findFirst().orElseThrow();
    java.util.regex.Matcher held = java.util.regex.Pattern.compile("hold (\\d+) s and decide again").matcher(waiting);
    assertTrue(held.find(), r.out());
    String reevaluate = r.out().lines().filter(l -> l.startsWith("Re-evaluate at:")).findFirst().orElseThrow();
    assertEquals("Re-evaluate at: 2026-03-12 21:40:" + String.format("%02d", Integer.parseInt(held.group(1))) + " +01:00", reevaluate, r.out());
  }

  /**
   * Readings from before the stated onset: the rise is measured from them (the count before the onset is
   * what a rise starts from), so it can be older than the outage. The output said "outage for 1 min" and
   * "growing ... for 3 min so far" with nothing to reconcile them; it now says where the rise comes from.
   */
  @Test
  void aRiseOlderThanTheStatedOutageSaysItsReadingsPrecedeTheOnset(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("late-onset.yaml");
    java.nio.file.Files.writeString(file, java.nio.file.Files.readString(java.nio.file.Path.of("playbooks/scenarios/young-rise.yaml"))
        .replace("since: \"2026-03-12T21:36:15+01:00\"", "since: \"2026-03-12T21:38:00+01:00\""));
    io.failwise.testing.Cli.Result r = io.failwise.testing.Cli.run("estimate", "-f", file.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    String explanation = r.json().path("explanation").asText();
    assertTrue(explanation.contains("so far (rising in readings from before the outage's stated onset, 1 min ago)"), explanation);
    // The repository's young rise, whose first reading is 7 s before its onset, says nothing of it.
    assertTrue(!estimate("young-rise.yaml").path("explanation").asText().contains("before the outage's stated onset"));
  }
}
