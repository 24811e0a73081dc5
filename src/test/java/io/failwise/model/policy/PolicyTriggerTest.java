package io.failwise.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.model.policy.PolicyTrigger.Next;
import io.failwise.model.policy.PolicyTrigger.Why;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyTriggerTest {
  private static final Instant ONSET = Instant.parse("2026-03-12T19:45:00Z");
  private static final TriggerSettings T = new TriggerSettings(Duration.ofMinutes(2), 1000, 0.2);

  private static PolicyTrigger.Verdict at(ClusterSituation s, Optional<WatchState> w, Instant now) {
    return PolicyTrigger.evaluate(s, T, w, now);
  }

  private static ClusterSituation outage(long offline) {
    return new ClusterSituation("go-eu-west-1", true, ONSET, offline, true);
  }

  @Test
  void aScheduledReDecisionComesWhenTheDecisionSaidButNoSoonerThanTheShortestInterval() {
    Instant decided = ONSET.plusSeconds(180);
    Duration soonest = Duration.ofMinutes(5);
    // A rise's estimate names its flip 34 s away; the policy keeps its schedule 5 minutes out (and
    // re-decides sooner when the count moves by a fifth).
    assertEquals(decided.plus(soonest), PolicyTrigger.scheduledAt(decided, decided.plusSeconds(34), soonest));
    assertEquals(decided.plusSeconds(900), PolicyTrigger.scheduledAt(decided, decided.plusSeconds(900), soonest));
    var w = Optional.of(new WatchState(ONSET, 40_000, PolicyTrigger.scheduledAt(decided, decided.plusSeconds(34), soonest)));
    assertEquals(Next.WAIT, at(outage(40_000), w, decided.plusSeconds(60)).next(), "no loop at the named time");
    assertEquals(new PolicyTrigger.Verdict(Next.DECIDE, Why.MATERIAL_CHANGE), at(outage(50_000), w, decided.plusSeconds(40)));
    assertEquals(new PolicyTrigger.Verdict(Next.DECIDE, Why.SCHEDULED), at(outage(40_000), w, decided.plus(soonest)));
  }

  @Test
  void waitsForTheOutageToLastAndToMatter() {
    assertEquals(Next.WAIT, at(outage(50_000), Optional.empty(), ONSET.plusSeconds(60)).next());
    assertEquals(Next.WAIT, at(outage(500), Optional.empty(), ONSET.plusSeconds(600)).next());
    assertEquals(
        new PolicyTrigger.Verdict(Next.DECIDE, Why.FIRST_DECISION), at(outage(50_000), Optional.empty(), ONSET.plusSeconds(120)));
  }

  @Test
  void neverActsOnAnUnknownSignalAndUnknownIsNotRecovery() {
    var unknown = new ClusterSituation("c", true, ONSET, 50_000, false);
    assertEquals(Next.WAIT, at(unknown, Optional.empty(), ONSET.plusSeconds(3600)).next(), "nothing decided, nothing to say");
    // Decided on, then the counts are lost at a time not known: said at once, never RECOVERED nor DECIDE,
    // even when the decision's re-evaluation is long due.
    var w = Optional.of(new WatchState(ONSET, 50_000, ONSET.plusSeconds(600)));
    var lostSignal = new ClusterSituation("c", false, null, 0, false);
    assertEquals(Next.SIGNAL_LOST, at(lostSignal, w, ONSET.plusSeconds(3600)).next());
  }

  /**
   * 21:47: the counts of a cluster decided on at 21:45 cannot be read. One failed read says nothing to
   * the policy (the Cluster's Ready condition says it); two minutes of it, and the policy says once that
   * its 21:45 decision is not current. When the counts return, the same outage is decided on again at once.
   */
  @Test
  void aLostSignalIsSaidOnceAfterTwoMinutesAndTheSameOutageIsDecidedOnWhenItReturns() {
    Instant decided = ONSET.plus(Duration.ofMinutes(120));
    Instant lost = decided.plus(Duration.ofMinutes(2));
    var w = Optional.of(new WatchState(ONSET, 50_000, decided.plus(Duration.ofMinutes(15))));
    var blind = new ClusterSituation("c", false, null, 50_000, false, null, false, lost);
    assertEquals(Next.WAIT, at(blind, w, lost.plusSeconds(119)).next(), "a failed read or two");
    assertEquals(Next.SIGNAL_LOST, at(blind, w, lost.plus(PolicyTrigger.SIGNAL_LOST_AFTER)).next());
    Duration poll = Duration.ofMinutes(5);
    assertEquals(Duration.ofSeconds(90), PolicyTrigger.untilNextLook(blind, T, w, lost.plusSeconds(30), poll), "looks again when it is to be said");

    var said = Optional.of(new WatchState(ONSET, 50_000, null, false, true));
    assertEquals(Next.WAIT, at(blind, said, lost.plus(Duration.ofMinutes(3))).next(), "said once");
    assertEquals(Next.WAIT, at(blind, said, lost.plus(Duration.ofHours(2))).next(), "no schedule while blind");
    assertEquals(poll, PolicyTrigger.untilNextLook(blind, T, said, lost.plus(Duration.ofMinutes(3)), poll));
    assertEquals(Next.WAIT, at(blind, Optional.empty(), lost.plus(Duration.ofHours(2))).next(), "nothing decided, nothing to say");

    Instant back = lost.plus(Duration.ofMinutes(40));
    assertEquals(new PolicyTrigger.Verdict(Next.DECIDE, Why.SIGNAL_RETURNED), at(outage(48_000), said, back), "the same outage goes on");
    var healthy = new ClusterSituation("c", false, null, 300, true);
    assertEquals(Next.RECOVERED, at(healthy, said, back).next(), "the counts show the devices back");
    var silenced = new ClusterSituation("c", false, ONSET, 48_000, true, null, true);
    assertEquals(Next.SILENCED, at(silenced, said, back).next(), "a silence that began meanwhile is said");
    // Detection may date the outage anew after the gap (its Outage condition turned true just now):
    // whether it ended in between is not known, so it is decided on at once, not held off as a new one.
    var redated = new ClusterSituation("c", true, back.minusSeconds(15), 48_000, true);
    assertEquals(new PolicyTrigger.Verdict(Next.DECIDE, Why.SIGNAL_RETURNED), at(redated, said, back));
    var decidedBefore = Optional.of(new WatchState(ONSET, 50_000, back.plus(Duration.ofMinutes(15))));
    assertEquals(Next.WAIT, at(redated, decidedBefore, back).next(), "without a loss in between, a new onset is held off");
  }

  @Test
  void aSilencedOutageWhoseSignalIsLostSaysTheLossAndIsDecidedOnWhenTheCountsReturn() {
    Instant silencedAt = ONSET.plus(Duration.ofMinutes(17));
    var silencedWatch = Optional.of(new WatchState(ONSET, 70_000, silencedAt.plus(Duration.ofHours(2)), true));
    var blind = new ClusterSituation("c", false, null, 70_000, false, null, false, silencedAt.plus(Duration.ofMinutes(5)));
    assertEquals(Next.SIGNAL_LOST, at(blind, silencedWatch, silencedAt.plus(Duration.ofMinutes(7))).next());
  }

  @Test
  void reDecidesOnScheduleOnMaterialChangeOrANewOutage() {
    var w = Optional.of(new WatchState(ONSET, 50_000, ONSET.plus(Duration.ofMinutes(70))));
    assertEquals(Next.WAIT, at(outage(55_000), w, ONSET.plus(Duration.ofMinutes(30))).next());
    assertEquals(Why.MATERIAL_CHANGE, at(outage(61_000), w, ONSET.plus(Duration.ofMinutes(30))).why());
    assertEquals(Why.MATERIAL_CHANGE, at(outage(39_000), w, ONSET.plus(Duration.ofMinutes(30))).why());
    assertEquals(Why.SCHEDULED, at(outage(50_000), w, ONSET.plus(Duration.ofMinutes(70))).why());
    var later = new ClusterSituation("go-eu-west-1", true, ONSET.plus(Duration.ofHours(3)), 50_000, true);
    assertEquals(Why.NEW_OUTAGE, at(later, w, ONSET.plus(Duration.ofHours(4))).why());
  }

  @Test
  void recordsRecoveryOnlyForAnOutageItDecidedOn() {
    var healthy = new ClusterSituation("c", false, null, 0, true);
    assertEquals(Next.WAIT, at(healthy, Optional.empty(), ONSET).next());
    assertEquals(Next.RECOVERED, at(healthy, Optional.of(new WatchState(ONSET, 50_000, ONSET)), ONSET).next());
  }

  /**
   * outageForSeconds is how long the Outage condition must have been true (kubectl explain says so),
   * not how long since the estimated onset, which detection dates back to the change point: here 10
   * minutes before the condition turned true. Counted from the onset, a 600 s hold-off decided 8
   * minutes after the condition, and a 60 s one the second it turned true.
   */
  @Test
  void theHoldOffCountsFromWhenTheOutageConditionTurnedTrueNotFromTheEstimatedOnset() {
    Instant trueAt = ONSET.plus(Duration.ofMinutes(10));
    var s = new ClusterSituation("go-eu-west-1", true, ONSET, 50_000, true, trueAt, false);
    var tenMinutes = new TriggerSettings(Duration.ofSeconds(600), 1000, 0.2);
    var oneMinute = new TriggerSettings(Duration.ofSeconds(60), 1000, 0.2);
    assertEquals(Next.WAIT, PolicyTrigger.evaluate(s, tenMinutes, Optional.empty(), trueAt.plus(Duration.ofMinutes(8))).next());
    assertEquals(Next.WAIT, PolicyTrigger.evaluate(s, tenMinutes, Optional.empty(), trueAt.plusSeconds(599)).next());
    assertEquals(
        new PolicyTrigger.Verdict(Next.DECIDE, Why.FIRST_DECISION), PolicyTrigger.evaluate(s, tenMinutes, Optional.empty(), trueAt.plusSeconds(600)));
    assertEquals(Next.WAIT, PolicyTrigger.evaluate(s, oneMinute, Optional.empty(), trueAt).next(), "not the second it turned true");
    assertEquals(Next.DECIDE, PolicyTrigger.evaluate(s, oneMinute, Optional.empty(), trueAt.plusSeconds(60)).next());
    Duration poll = Duration.ofSeconds(15);
    assertEquals(Duration.ofSeconds(5), PolicyTrigger.untilNextLook(s, tenMinutes, Optional.empty(), trueAt.plusSeconds(595), poll));
    assertEquals(poll, PolicyTrigger.untilNextLook(s, tenMinutes, Optional.empty(), ONSET.plusSeconds(595), poll), "not due at onset + 600 s");

    // An outage the policy decided on is not held off again when its condition turns true once more
    // (after a signal lost for a while); a new outage is held off from its own condition.
    var w = Optional.of(new WatchState(ONSET, 50_000, trueAt.plus(Duration.ofHours(1))));
    var flapped = new ClusterSituation("go-eu-west-1", true, ONSET, 70_000, true, trueAt.plus(Duration.ofMinutes(30)), false);
    assertEquals(Why.MATERIAL_CHANGE, PolicyTrigger.evaluate(flapped, tenMinutes, w, trueAt.plus(Duration.ofMinutes(31))).why());
    Instant nextOnset = ONSET.plus(Duration.ofHours(3));
    var another = new ClusterSituation("go-eu-west-1", true, nextOnset, 50_000, true, nextOnset.plus(Duration.ofMinutes(2)), false);
    assertEquals(Next.WAIT, PolicyTrigger.evaluate(another, tenMinutes, w, nextOnset.plus(Duration.ofMinutes(11))).next());
    assertEquals(Why.NEW_OUTAGE, PolicyTrigger.evaluate(another, tenMinutes, w, nextOnset.plus(Duration.ofMinutes(12))).why());
  }

  /** A silence (maintenance window) that begins during an outage silences it; it does not end it. */
  @Test
  void aSilencedOutageIsNoRecoveryItIsSaidOnceAndTheSameOutageIsDecidedOnWhenTheWindowEnds() {
    Instant silencedAt = ONSET.plus(Duration.ofMinutes(17));
    var silenced = new ClusterSituation("go-eu-west-2", false, ONSET, 71_874, true, null, true);
    var decided = Optional.of(new WatchState(ONSET, 70_000, ONSET.plus(Duration.ofMinutes(40))));
    assertEquals(Next.SILENCED, at(silenced, decided, silencedAt).next(), "not RECOVERED");
    var said = Optional.of(new WatchState(ONSET, 70_000, silencedAt.plus(Duration.ofHours(2)), true));
    assertEquals(Next.WAIT, at(silenced, said, silencedAt.plusSeconds(15)).next(), "said once");
    assertEquals(Next.WAIT, at(silenced, said, silencedAt.plus(Duration.ofHours(3))).next(), "no schedule while silenced");
    var moved = new ClusterSituation("go-eu-west-2", false, ONSET, 20_000, true, null, true);
    assertEquals(Next.WAIT, at(moved, said, silencedAt.plus(Duration.ofMinutes(30))).next(), "no material change while silenced");
    assertEquals(Next.WAIT, at(silenced, Optional.empty(), silencedAt).next(), "nothing decided, nothing to say");

    // The window ends: the same outage goes on (decided on at once, no new hold-off), or it is over.
    Instant endsAt = silencedAt.plus(Duration.ofHours(2));
    var resumed = new ClusterSituation("go-eu-west-2", true, ONSET, 71_874, true, endsAt, false);
    assertEquals(new PolicyTrigger.Verdict(Next.DECIDE, Why.RESUMED), at(resumed, said, endsAt));
    var back = new ClusterSituation("go-eu-west-2", false, null, 900, true);
    assertEquals(Next.RECOVERED, at(back, said, silencedAt.plus(Duration.ofMinutes(25))).next(), "devices back inside the window");
  }

  @Test
  void looksAgainWhenTheTriggerOrTheReevaluationIsDue() {
    Duration poll = Duration.ofSeconds(15);
    assertEquals(Duration.ofSeconds(5), PolicyTrigger.untilNextLook(outage(50_000), T, Optional.empty(), ONSET.plusSeconds(115), poll));
    var w = Optional.of(new WatchState(ONSET, 50_000, ONSET.plusSeconds(600)));
    assertEquals(Duration.ofSeconds(3), PolicyTrigger.untilNextLook(outage(50_000), T, w, ONSET.plusSeconds(597), poll));
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(50_000), T, w, ONSET.plusSeconds(300), poll));
  }

  @Test
  void eachThresholdIsMetAtItsValue() {
    assertEquals(Next.WAIT, at(outage(999), Optional.empty(), ONSET.plusSeconds(600)).next(), "one under minOfflineDevices");
    assertEquals(Next.DECIDE, at(outage(1_000), Optional.empty(), ONSET.plusSeconds(600)).next(), "exactly minOfflineDevices");
    assertEquals(Next.WAIT, at(outage(50_000), Optional.empty(), ONSET.plusSeconds(119)).next(), "a second before outageFor");
    var w = Optional.of(new WatchState(ONSET, 50_000, ONSET.plus(Duration.ofMinutes(70))));
    Instant half = ONSET.plus(Duration.ofMinutes(30));
    assertEquals(Next.WAIT, at(outage(60_000), w, half).next(), "a change of exactly 20 % is not more than 20 %");
    assertEquals(Next.WAIT, at(outage(40_000), w, half).next());
    assertEquals(Why.MATERIAL_CHANGE, at(outage(60_001), w, half).why());
    assertEquals(Next.WAIT, at(outage(50_000), w, ONSET.plus(Duration.ofMinutes(70)).minusSeconds(1)).next(), "a second before the re-evaluation");
  }

  @Test
  void anOutageWithoutAnOnsetIsDecidedAtOnceAndNotMistakenForANewOne() {
    var noOnset = new ClusterSituation("c", true, null, 50_000, true);
    assertEquals(new PolicyTrigger.Verdict(Next.DECIDE, Why.FIRST_DECISION), at(noOnset, Optional.empty(), ONSET));
    var w = Optional.of(new WatchState(ONSET, 50_000, null));
    assertEquals(new PolicyTrigger.Verdict(Next.WAIT, null), at(noOnset, w, ONSET.plus(Duration.ofHours(5))), "no schedule, no change");
    var unknownStart = Optional.of(new WatchState(null, 50_000, null));
    assertEquals(Next.WAIT, at(outage(50_000), unknownStart, ONSET.plus(Duration.ofHours(1))).next());
    var same = Optional.of(new WatchState(Instant.parse("2026-03-12T19:45:00Z"), 50_000, null));
    assertEquals(Next.WAIT, at(outage(50_000), same, ONSET.plus(Duration.ofHours(1))).next(), "the same onset, another Instant");
  }

  @Test
  void aDecisionTakenAtNoOfflineDevicesReDecidesOnAnyRealLoss() {
    var w = Optional.of(new WatchState(ONSET, 0, null));
    assertEquals(Why.MATERIAL_CHANGE, at(outage(1_000), w, ONSET.plus(Duration.ofHours(1))).why());
  }

  @Test
  void looksAgainAtOncePollOrLaterButNeverInThePast() {
    Duration poll = Duration.ofSeconds(15);
    assertEquals(Duration.ofMillis(100), PolicyTrigger.untilNextLook(outage(50_000), T, Optional.empty(), ONSET.plusSeconds(120), poll), "due now");
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(50_000), T, Optional.empty(), ONSET.plusSeconds(121), poll), "past due: the poll");
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(50_000), T, Optional.empty(), ONSET.plusSeconds(105), poll), "due at the poll");
    var healthy = new ClusterSituation("c", false, ONSET, 0, true);
    assertEquals(poll, PolicyTrigger.untilNextLook(healthy, T, Optional.empty(), ONSET.plusSeconds(115), poll), "no outage, no trigger to wait for");
    var noOnset = new ClusterSituation("c", true, null, 50_000, true);
    assertEquals(poll, PolicyTrigger.untilNextLook(noOnset, T, Optional.empty(), ONSET, poll));
    var w = Optional.of(new WatchState(ONSET, 50_000, ONSET.plusSeconds(600)));
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(50_000), T, w, ONSET.plusSeconds(601), poll), "re-evaluation past due");
    assertEquals(Duration.ofMillis(100), PolicyTrigger.untilNextLook(outage(50_000), T, w, ONSET.plusSeconds(600), poll));
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(50_000), T, w, ONSET.plusSeconds(585), poll), "due at the poll");
    var unscheduled = Optional.of(new WatchState(ONSET, 50_000, null));
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(50_000), T, unscheduled, ONSET.plusSeconds(597), poll));
    assertEquals(Duration.ofSeconds(2), PolicyTrigger.untilNextLook(outage(50_000), T, w, ONSET.plusSeconds(118), poll), "the trigger, sooner than the re-evaluation");
  }

  @Test
  void aTriggerTooFarAwayToComputeIsNeverNotAnOverflow() {
    // outageForSeconds 9223372036854775807 got past an older schema: onset + that overflowed in every reconcile.
    var never = new TriggerSettings(Duration.ofSeconds(Long.MAX_VALUE), 1000, 0.2);
    Duration poll = Duration.ofSeconds(15);
    Instant now = ONSET.plusSeconds(600);
    assertEquals(Next.WAIT, PolicyTrigger.evaluate(outage(50_000), never, Optional.empty(), now).next());
    assertEquals(Next.WAIT, PolicyTrigger.evaluate(outage(500), never, Optional.empty(), now).next());
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(50_000), never, Optional.empty(), now, poll));
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(500), never, Optional.empty(), now, poll));
    var farFuture = Optional.of(new WatchState(ONSET, 50_000, Instant.MAX));
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(50_000), never, farFuture, Instant.MIN.plusSeconds(1), poll));
    assertEquals(Instant.MAX, PolicyTrigger.scheduledAt(ONSET, ONSET, Duration.ofSeconds(Long.MAX_VALUE)));
  }
}
