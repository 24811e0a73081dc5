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
  void waitsForTheOutageToLastAndToMatter() {
    assertEquals(Next.WAIT, at(outage(50_000), Optional.empty(), ONSET.plusSeconds(60)).next());
    assertEquals(Next.WAIT, at(outage(500), Optional.empty(), ONSET.plusSeconds(600)).next());
    assertEquals(
        new PolicyTrigger.Verdict(Next.DECIDE, Why.FIRST_DECISION), at(outage(50_000), Optional.empty(), ONSET.plusSeconds(120)));
  }

  @Test
  void neverActsOnAnUnknownSignalAndUnknownIsNotRecovery() {
    var unknown = new ClusterSituation("c", true, ONSET, 50_000, false);
    assertEquals(Next.WAIT, at(unknown, Optional.empty(), ONSET.plusSeconds(3600)).next());
    var w = Optional.of(new WatchState(ONSET, 50_000, ONSET.plusSeconds(3600)));
    var lostSignal = new ClusterSituation("c", false, null, 0, false);
    assertEquals(Next.WAIT, at(lostSignal, w, ONSET.plusSeconds(600)).next());
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

  @Test
  void looksAgainWhenTheTriggerOrTheReevaluationIsDue() {
    Duration poll = Duration.ofSeconds(15);
    assertEquals(Duration.ofSeconds(5), PolicyTrigger.untilNextLook(outage(50_000), T, Optional.empty(), ONSET.plusSeconds(115), poll));
    var w = Optional.of(new WatchState(ONSET, 50_000, ONSET.plusSeconds(600)));
    assertEquals(Duration.ofSeconds(3), PolicyTrigger.untilNextLook(outage(50_000), T, w, ONSET.plusSeconds(597), poll));
    assertEquals(poll, PolicyTrigger.untilNextLook(outage(50_000), T, w, ONSET.plusSeconds(300), poll));
  }
}
