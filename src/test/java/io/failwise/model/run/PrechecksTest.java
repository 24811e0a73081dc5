package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.model.Health;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrechecksTest {
  private static Prechecks.Inputs inputs(Health health, long connected, long toMove, Optional<String> budget, Optional<String> freeze,
      Optional<String> halt) {
    return new Prechecks.Inputs("go-eu-west-1", "eu-west-1", "go-eu-north-1", "eu-north-1", health, "counts from static", 300_000, connected, 0,
        toMove, 0.9, budget, freeze, halt);
  }

  @Test
  void allPassWhenTheTargetIsHealthyWithRoomAndNothingForbidsTheRun() {
    var results = Prechecks.evaluate(inputs(Health.HEALTHY, 89_710, 180_000, Optional.empty(), Optional.empty(), Optional.empty()));
    assertEquals(
        List.of("TargetInAnotherRegion", "TargetHealthy", "TargetHasRoom", "DevicesToMove", "BudgetLeft", "NoFreezeWindow", "NotHalted"),
        results.stream().map(Prechecks.Result::name).toList());
    assertEquals(List.of(true, true, true, true, true, true, true), results.stream().map(Prechecks.Result::passed).toList());
    assertEquals("go-eu-north-1 has room for 180,290 more devices (90% of 300,000, 89,710 connected); the run moves 180,000.",
        results.get(2).message());
    assertEquals("", Prechecks.failures(results));
  }

  @Test
  void roomIsCapacityTimesTheCapLessConnectedAndExactlyFullStillFits() {
    assertEquals(true, Prechecks.evaluate(inputs(Health.HEALTHY, 70_000, 200_000, Optional.empty(), Optional.empty(), Optional.empty())).get(2).passed());
    assertEquals(false, Prechecks.evaluate(inputs(Health.HEALTHY, 70_001, 200_000, Optional.empty(), Optional.empty(), Optional.empty())).get(2).passed());
    var ownOffline = new Prechecks.Inputs("go-eu-west-1", "eu-west-1", "go-eu-north-1", "eu-north-1", Health.HEALTHY, "", 300_000, 70_000,
        1_000, 200_000, 0.9, Optional.empty(), Optional.empty(), Optional.empty());
    assertEquals("go-eu-north-1 has room for 199,000 more devices (90% of 300,000, 70,000 connected, 1,000 of its own offline); the run moves 200,000.",
        Prechecks.evaluate(ownOffline).get(2).message());
    assertEquals(false, Prechecks.evaluate(ownOffline).get(2).passed(), "the target's own offline devices come back: they are not room");
    assertEquals("go-eu-north-1 has room for 0 more devices (90% of 300,000, 290,000 connected); the run moves 1.",
        Prechecks.evaluate(inputs(Health.HEALTHY, 290_000, 1, Optional.empty(), Optional.empty(), Optional.empty())).get(2).message());
  }

  @Test
  void eachFailureSaysWhyInOneSentence() {
    var results = Prechecks.evaluate(inputs(null, 0, 0, Optional.of("2 failovers of go-eu-west-1 today already"), Optional.of("quarter-end"),
        Optional.of("lead@example.com")));
    assertEquals(List.of(true, false, true, false, false, false, false), results.stream().map(Prechecks.Result::passed).toList());
    assertEquals("The device counts of go-eu-north-1 are unknown: counts from static Nothing to move: the shift's scope holds no devices now."
        + " 2 failovers of go-eu-west-1 today already. Freeze window quarter-end is open. The global halt is set by lead@example.com.",
        Prechecks.failures(results));
    var degraded = Prechecks.evaluate(inputs(Health.DEGRADED, 0, 5, Optional.empty(), Optional.empty(), Optional.empty()));
    assertEquals(false, degraded.get(1).passed());
    assertEquals("go-eu-north-1 is " + Health.DEGRADED.displayName() + ": counts from static", degraded.get(1).message());
    assertEquals("5 devices to move.", degraded.get(3).message());
    assertEquals(List.of("The daily failover budget allows it.", "No freeze window is open.", "The global halt is not set."),
        degraded.subList(4, 7).stream().map(Prechecks.Result::message).toList());
  }

  @Test
  void aTargetInTheSourcesOwnRegionIsNoRegionalFailoverAndAnUnknownRegionIsNotTakenOnTrust() {
    var sameRegion = new Prechecks.Inputs("go-eu-west-1", "eu-west-1", "go-eu-west-1b", "eu-west-1", Health.HEALTHY, "", 300_000, 0, 0,
        1_000, 0.9, Optional.empty(), Optional.empty(), Optional.empty());
    var results = Prechecks.evaluate(sameRegion);
    assertEquals(List.of(false, true, true, true, true, true, true), results.stream().map(Prechecks.Result::passed).toList(),
        "only the region fails: the target is otherwise fit");
    assertEquals("go-eu-west-1b is in go-eu-west-1's own region (eu-west-1): failing over there is no regional failover.",
        Prechecks.failures(results));
    var unknown = new Prechecks.Inputs("go-eu-west-1", "eu-west-1", "gone", null, null, "Cluster gone does not exist.", 0, 0, 0, 1_000, 0.9,
        Optional.empty(), Optional.empty(), Optional.empty());
    assertEquals("The region of gone is unknown: a regional failover needs the source's and the target's.",
        Prechecks.evaluate(unknown).get(0).message());
    assertEquals(false, Prechecks.evaluate(unknown).get(0).passed());
    assertEquals("go-eu-north-1 is in eu-north-1, go-eu-west-1 in eu-west-1.",
        Prechecks.evaluate(inputs(Health.HEALTHY, 0, 1, Optional.empty(), Optional.empty(), Optional.empty())).get(0).message());
  }
}
