package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.DeviceCounts;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.Fixtures;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.model.policy.PolicyTrigger;
import io.failwise.operator.estimate.PastOutages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a policy decides and records: the 12 March night, rises, priors, calibration, the learned prior. */
class PolicyDeciderTest extends PolicyDeciderFixture {
  /**
   * Live signals see a snapshot: 50,000 chargers dropping in and out about half of the time show as
   * about 25,000 offline at any moment (the scenario file's assumptions, as detection would see them).
   */
  @Test
  void theTwelfthOfMarchIsHeldInReserveAndOnlyRecordedInShadowMode() {
    FailoverPolicyStatus s = decide(policy(FailoverPolicySpec.Mode.Shadow), 180_000, 155_000, ONSET);
    var d = s.decisions.get(0);
    assertEquals("HOLD", d.recommendation);
    assertEquals("Recorded", d.action);
    assertTrue(d.explanation.endsWith("Recorded only (Shadow mode)."), d.explanation);
    assertTrue(d.explanation.contains("180,000") && d.explanation.contains("25,000"), d.explanation);
    assertNotNull(d.breakEvenProbability);
    assertTrue(Instant.parse(d.reevaluateAt).isAfter(AT));
    assertTrue(d.explanation.contains("Re-evaluate at 21:55 +01:00."), "times in the clock's zone (CET): " + d.explanation);
    // Held, but a shorter cutover or a larger outage would turn it: the record says where, beside the
    // explanation (which stays what the estimator said).
    assertTrue(d.turnsWith.matches("FAILOVER if the median cutover were under .* \\(20 min now\\); FAILOVER with more than .* devices offline \\(25,000 now\\)"),
        d.turnsWith);
    assertEquals(List.of(), runs.staged);
    assertEquals(List.of(), runs.executed);
    assertEquals("go-eu-west-1", s.watches.get(0).cluster);
    assertTrue(events.get(0).startsWith("Normal Decision: go-eu-west-1: "), events.toString());
    assertEquals(1.0, registry.find("failwise_policy_decisions_total").tags("recommendation", "HOLD", "action", "Recorded").counter().count());
    assertEquals(55 * 60.0, registry.find("failwise_policy_outage_to_decision_seconds").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS));
    // What the estimate cost the controller: one decision, one measurement on the machine's clock (the
    // decider's own clock is fixed here, and under the demo it is the simulator's).
    var estimating = registry.find("failwise_policy_estimate_seconds").timer();
    assertEquals(1, estimating.count());
    assertTrue(estimating.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
  }

  @Test
  void aRiseIsReEvaluatedAtItsFlipByThePersonAndNoSoonerThanFiveMinutesByTheSchedule() {
    // Keep-alives expiring after a sudden loss: the count rises 200, 1,500, ... 32,000 every 30 s and
    // reads 40,000 now, three minutes in. The estimate holds for the 34 s until the count has moved by a
    // fifth and names that moment to look again (not the 5-minute minimum, after its own flip); the
    // policy's schedule keeps the 5 minutes, and the material change re-decides sooner if the rise goes on.
    Instant since = AT.minusSeconds(173);
    long[][] readings = {{172, 200}, {142, 1_500}, {112, 7_000}, {82, 13_000}, {52, 24_000}, {22, 32_000}};
    for (long[] r : readings) {
      decider.observed(new ClusterSituation("go-eu-west-1", true, since, r[1], true), AT.minusSeconds(r[0]));
    }
    FailoverPolicyStatus s = decide(policy(FailoverPolicySpec.Mode.Shadow), 180_000, 140_000, since);
    var d = s.decisions.get(0);
    assertEquals("HOLD", d.recommendation);
    assertTrue(d.explanation.startsWith("Growing by "), d.explanation);
    Instant named = Instant.parse(d.reevaluateAt);
    assertTrue(named.isAfter(AT) && named.isBefore(AT.plusSeconds(60)), "the decision names the end of its step: " + named);
    assertTrue(d.explanation.contains("Re-evaluate at " + io.failwise.model.Format.timeToTheSecond(named, AT, java.time.ZoneOffset.ofHours(1)) + "."),
        d.explanation);
    assertTrue(d.explanation.contains("Re-evaluate at 21:40:"), "to the second: " + d.explanation);
    assertEquals(AT.plus(java.time.Duration.ofMinutes(5)), Instant.parse(s.watches.get(0).reevaluateAt), "the schedule keeps its minimum");
    // And says so: a person told 21:40:33 must not wonder why the next decision comes at 21:45.
    assertTrue(d.explanation.contains("Re-evaluate at " + io.failwise.model.Format.timeToTheSecond(named, AT, java.time.ZoneOffset.ofHours(1))
        + ". The policy's own next decision comes later, at 21:45 +01:00 (one scheduled decision every"
        + " 5 min at most), or sooner if the offline count moves by more than 20%."), d.explanation);
  }

  /** A prior of 1e5 min median made device-minutes overflow to a HOLD mean of Long.MAX_VALUE: refused, nothing run. */
  @Test
  void aPriorOutOfItsRangeBlocksTheDecisionNamingThePolicyAndTheField() {
    for (double[] prior : new double[][] {{1e5, 1e6}, {1e-300, 480}, {120, 1e6}}) {
      FailoverPolicy p = policy(FailoverPolicySpec.Mode.Auto);
      p.getSpec().durationPrior = new FailoverPolicySpec.DurationPriorSpec();
      p.getSpec().durationPrior.medianMinutes = prior[0];
      p.getSpec().durationPrior.p90Minutes = prior[1];
      var d = decide(p, 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
      assertEquals("HOLD", d.recommendation);
      assertEquals("InvalidInput", d.blockedBy);
      String field = prior[0] == 120 ? "p90Minutes" : "medianMinutes";
      assertTrue(
          d.explanation.contains("FailoverPolicy eu-west spec.durationPrior." + field + ": must be from 1 to 43,200 minutes (30 days), got "),
          d.explanation);
    }
    assertEquals(List.of(), runs.executed);
  }

  @Test
  void aLongTotalOutageIsFailedOverInAutoModeAndStagedInStageMode() {
    Instant fourHoursAgo = AT.minusSeconds(4 * 3600);
    FailoverPolicyStatus auto = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, fourHoursAgo);
    assertEquals("FAILOVER", auto.decisions.get(0).recommendation);
    assertEquals("Executed", auto.decisions.get(0).action);
    assertEquals("failover-go-eu-west-1", auto.decisions.get(0).run);
    assertEquals(List.of("go-eu-west-1"), runs.executed);

    FailoverPolicyStatus stage = decide(policy(FailoverPolicySpec.Mode.Stage), 100_000, 0, fourHoursAgo);
    assertEquals("Staged", stage.decisions.get(0).action);
    // A Plan run ends Planned: reviewed, not approved (failwise approve would refuse it).
    assertTrue(stage.decisions.get(0).explanation.endsWith("Staged run plan-go-eu-west-1 in Plan mode: its plan, estimate and prechecks"
        + " are in its status (failwise report plan-go-eu-west-1 -n fleet); nothing runs until a person creates a Failover run of the"
        + " same playbook, source and target (failwise promote plan-go-eu-west-1 -n fleet)."), stage.decisions.get(0).explanation);
  }

  @Test
  void aCalibratedClusterIsDecidedOnItsMeasuredCutoverAndTheDecisionSaysSo() {
    // The same cluster after three drills measured a 300 s cutover: the decision cites them.
    Cluster source = withStatus(Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 130_000, "go-eu-north-1"), 180_000, 130_000);
    source.getSpec().failover.cutoverSeconds = 1200L;
    source.getStatus().calibration = new io.failwise.api.ClusterCalibration();
    source.getStatus().calibration.cutoverSeconds = 300.0;
    source.getStatus().calibration.cutoverP90Seconds = 480.0;
    source.getStatus().calibration.runs = 3;
    source.getStatus().calibration.at = "2026-03-01T10:00:00Z";
    Cluster target = withStatus(Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 89_700), 90_000, 89_700);
    target.getSpec().capacity.devices = 300_000L;
    var situation = new ClusterSituation("go-eu-west-1", true, ONSET, 50_000, true);
    FailoverPolicyStatus s =
        decider.decide(policy(FailoverPolicySpec.Mode.Shadow), new FailoverPolicyStatus(), source, List.of(source, target), situation,
            PolicyTrigger.Why.FIRST_DECISION, AT);
    String explanation = s.decisions.get(0).explanation;
    assertTrue(
        // In the controller's zone (+01:00 here), as the rest of the decision says its times.
        explanation.contains("Cutover 300 s (p90 480 s) as measured by 3 runs, the last at 2026-03-01 11:00 +01:00, instead of the 1,200 s"),
        explanation);

    // A run the policy stages carries the same words as its reason: the approver reads the measured cutover too.
    source.getStatus().devices = new DeviceCounts(180_000, 0, 180_000);
    var staged = decider.decide(policy(FailoverPolicySpec.Mode.Stage), new FailoverPolicyStatus(), source, List.of(source, target),
        new ClusterSituation("go-eu-west-1", true, AT.minusSeconds(4 * 3600), 180_000, true), PolicyTrigger.Why.FIRST_DECISION, AT).decisions.get(0);
    assertEquals("Staged", staged.action, staged.explanation);
    assertTrue(runs.reasons.get(0).contains("as measured by 3 runs"), runs.reasons.get(0));
    assertTrue(staged.explanation.startsWith(runs.reasons.get(0)), "the run's reason is the decision's explanation");

    // Dated after the decision (a clock set wrong, a status written by hand): not used, and the decision says so.
    source.getStatus().calibration.at = "2026-03-13T10:00:00Z";
    FailoverPolicyStatus later =
        decider.decide(policy(FailoverPolicySpec.Mode.Shadow), new FailoverPolicyStatus(), source, List.of(source, target), situation,
            PolicyTrigger.Why.FIRST_DECISION, AT);
    String ignored = later.decisions.get(0).explanation;
    assertTrue(ignored.contains("The measured cutover (status.calibration, the last run at 2026-03-13 11:00 +01:00) is ignored: it is dated"
        + " after this estimate (21:40 +01:00), so the 1,200 s spec.failover.cutoverSeconds states applies."), ignored);
    assertTrue(!ignored.contains("as measured by"), ignored);
  }

  /**
   * Half of a 100,000-device cluster offline for 30 minutes. Against the stated prior (median 2 h, p90
   * 8 h) the outage will likely outlast the break-even, and Auto mode fails over. This namespace's
   * clusters have recorded 20 past outages of 5 to 20 minutes (status.pastOutages): fitted to them the
   * prior's median falls to about 25 minutes, an outage 30 minutes in is now more likely to end before
   * the failover would pay off, and the same policy holds. Both clusters' outages count: the prior
   * learns from the namespace, not from the source alone.
   */
  @Test
  void aNamespaceWhoseOutagesWereShortHoldsWhereTheStatedPriorWouldFailOver() {
    Instant since = AT.minusSeconds(30 * 60);
    var stated = decideWithPastOutages(PastOutages.Learning.OFF, since).decisions.get(0);
    assertEquals("FAILOVER", stated.recommendation, stated.explanation);
    assertEquals("Executed", stated.action);
    assertEquals(List.of("go-eu-west-1"), runs.executed);

    runs.executed.clear();
    var learned = decideWithPastOutages(PastOutages.Learning.DEFAULT, since).decisions.get(0);
    assertEquals("HOLD", learned.recommendation, learned.explanation);
    assertEquals("Recorded", learned.action);
    assertEquals(List.of(), runs.executed);
    assertTrue(
        learned.breakEvenProbability < stated.breakEvenProbability - 0.2,
        "the outage is less likely to outlast the break-even: " + learned.breakEvenProbability + " vs " + stated.breakEvenProbability);
    assertTrue(!learned.explanation.equals(stated.explanation), learned.explanation);
  }

  /** 50,000 of 100,000 offline since {@code since}; ten past outages of 5-20 min on each of the two clusters. */
  private FailoverPolicyStatus decideWithPastOutages(PastOutages.Learning learning, Instant since) {
    decider.learnWith(learning);
    Cluster source = withStatus(Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 100_000, 50_000, "go-eu-north-1"), 100_000, 50_000);
    source.getSpec().failover.cutoverSeconds = 1200L;
    Cluster target = withStatus(Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 89_700), 90_000, 89_700);
    target.getSpec().capacity.devices = 300_000L;
    for (int i = 0; i < 20; i++) {
      Instant start = Instant.parse("2026-02-01T10:00:00Z").plusSeconds(86_400L * i);
      Cluster on = i % 2 == 0 ? source : target;
      if (on.getStatus().pastOutages == null) {
        on.getStatus().pastOutages = new ArrayList<>();
      }
      on.getStatus().pastOutages.add(new io.failwise.api.PastOutage(start.toString(), start.plusSeconds(60L * (5 + (i % 4) * 5)).toString()));
    }
    var situation = new ClusterSituation("go-eu-west-1", true, since, 50_000, true);
    return decider.decide(
        policy(FailoverPolicySpec.Mode.Auto), new FailoverPolicyStatus(), source, List.of(source, target), situation, PolicyTrigger.Why.FIRST_DECISION, AT);
  }
}
