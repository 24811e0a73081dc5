package io.failwise.model.estimate;

import static io.failwise.model.estimate.Fixtures.input;
import static io.failwise.model.estimate.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one rule that names a failover target, with the sentence a plan shows. Moving the fixture's 1,000
 * devices (10 min cutovers, failback at 60 a minute) costs 20,000 of cutovers, 8,333 of failback queue and
 * 1,000^2 / (2 x 60 x rate per second) of queue at the target: 32,500 at 2 a second, 36,667 at 1.
 */
class TargetChoiceTest {
  private static final TargetCluster SLOW = new TargetCluster("p0-slow", 0, 10_000, 0, 1, true);
  private static final TargetCluster FAST = new TargetCluster("p1-fast", 1, 10_000, 0, 2, true);
  private static final TargetCluster HALF_FULL = new TargetCluster("p2-full", 2, 1000, 500, 2, true);
  private static final TargetCluster SICK = new TargetCluster("p3-sick", 3, 10_000, 0, 2, false);
  private static final String PASSED_OVER =
      "; passed over: p2-full has room for 500 of the 1,000 devices at 100% of its capacity; p3-sick is not healthy.";

  private static TargetChoice choose(TargetOrder order, TargetCluster... targets) {
    EstimateInput in = input(source(Granularity.CLUSTER), List.of(targets), 1000, false, Duration.ofHours(1));
    in = new EstimateInput(in.source(), in.targets(), in.outage(), in.at(), in.prior(), in.zone(), order);
    return TargetChoice.forMove(in, 1000, 1.0);
  }

  @Test
  void theCheapestTargetWithRoomIsChosenAndTheOthersAreNamedWithTheirCost() {
    TargetChoice c = choose(TargetOrder.LEAST_LOSS, SICK, HALF_FULL, FAST, SLOW);
    assertEquals(Optional.of(FAST), c.target());
    assertTrue(c.fits());
    assertEquals(32_500, c.deviceMinutes(), 1e-9);
    assertEquals(
        "p1-fast (priority 1): moving 1,000 devices there is expected to cost 32,500 device-minutes at 2 devices/s, the least of the"
            + " eligible targets with room (p0-slow (priority 0) 36,667)" + PASSED_OVER,
        c.why());
  }

  @Test
  void aStrictOrderTakesTheFirstByPriorityWithRoomAndSaysWhatTheCheaperOneWouldCost() {
    TargetChoice c = choose(TargetOrder.PRIORITY, SICK, HALF_FULL, FAST, SLOW);
    assertEquals(Optional.of(SLOW), c.target());
    assertEquals(36_666.67, c.deviceMinutes(), 0.01);
    assertEquals(
        "p0-slow (priority 0): moving 1,000 devices there is expected to cost 36,667 device-minutes at 1 device/s, the first target by"
            + " priority with room (spec.failover.targetOrder is Priority); p1-fast would cost less (32,500)" + PASSED_OVER,
        c.why());
    // When the first by priority is also the cheapest there is nothing to add.
    TargetCluster fastFirst = new TargetCluster("p0-fast", 0, 10_000, 0, 2, true);
    assertEquals(
        "p0-fast (priority 0): moving 1,000 devices there is expected to cost 32,500 device-minutes at 2 devices/s, the first target by"
            + " priority with room (spec.failover.targetOrder is Priority).",
        choose(TargetOrder.PRIORITY, new TargetCluster("p1-slow", 1, 10_000, 0, 1, true), fastFirst).why());
  }

  @Test
  void theOnlyTargetWithRoomIsSaidToBeTheOnlyOne() {
    TargetChoice c = choose(TargetOrder.LEAST_LOSS, FAST);
    assertEquals(
        "p1-fast (priority 1): moving 1,000 devices there is expected to cost 32,500 device-minutes at 2 devices/s, the only eligible"
            + " target with room.",
        c.why());
    // Room for exactly the 1,000 devices is room enough.
    TargetCluster exact = new TargetCluster("exact", 0, 1000, 0, 2, true);
    assertTrue(choose(TargetOrder.LEAST_LOSS, exact).fits());
  }

  @Test
  void withoutRoomTheFirstEligibleIsNamedSoThatItsPrecheckRefusesAndWithoutTargetsNoneIs() {
    TargetChoice full = choose(TargetOrder.LEAST_LOSS, SICK, HALF_FULL);
    assertEquals(Optional.of(HALF_FULL), full.target());
    assertFalse(full.fits());
    assertTrue(Double.isNaN(full.deviceMinutes()));
    assertEquals(
        "No failover target of src has room for 1,000 devices: p2-full has room for 500 of the"
            + " 1,000 devices at 100% of its capacity; p3-sick is not healthy. p2-full, the first by priority that is healthy, in another"
            + " region and free of other runs, is the one named, and its precheck will refuse the move.",
        full.why());
    TargetChoice none = choose(TargetOrder.LEAST_LOSS);
    assertEquals(Optional.empty(), none.target());
    assertEquals("No failover target of src is healthy, in another region, free of other runs and with room for 1,000 devices: src lists none.", none.why());
    TargetChoice sickOnly = choose(TargetOrder.LEAST_LOSS, SICK);
    assertEquals(Optional.empty(), sickOnly.target());
    assertEquals(
        "No failover target of src is healthy, in another region, free of other runs and with room for 1,000 devices: p3-sick is not healthy.",
        sickOnly.why());
  }

  @Test
  void aTargetInTheSourcesOwnRegionIsNoRegionalFailoverButUnknownRegionsAreNotTheSame() {
    SourceCluster west =
        new SourceCluster("go-west", "eu-west", 1000, 900, 2000, 1, Duration.ofMinutes(10), null, Granularity.CLUSTER, true);
    TargetCluster sameRegion = new TargetCluster("west-2", 0, "eu-west", 10_000, 0, 0, 2, Optional.empty());
    TargetCluster north = new TargetCluster("north-1", 1, "eu-north", 10_000, 0, 0, 2, Optional.empty());
    assertEquals(
        Optional.of("west-2 is in go-west's own region (eu-west): failing over there is no regional failover"),
        TargetChoice.refusal(west, sameRegion));
    assertEquals(Optional.empty(), TargetChoice.refusal(west, north));
    EstimateInput in = input(west, List.of(sameRegion, north), 1000, false, Duration.ofHours(1));
    assertEquals(Optional.of(north), TargetChoice.forMove(in, 1000, 1.0).target());
    // A source whose region is unknown refuses no target for its region, even one whose region is unknown too.
    TargetCluster unknown = new TargetCluster("t", 0, "", 10_000, 0, 0, 2, Optional.empty());
    assertEquals(Optional.empty(), TargetChoice.refusal(source(Granularity.CLUSTER), unknown));
    assertEquals(Optional.of("t is not healthy"), TargetChoice.refusal(source(Granularity.CLUSTER), new TargetCluster("t", 0, 10, 0, 1, false)));
  }

  @Test
  void roomIsTheCappedCapacityLessTheConnectedAndTheTargetsOwnOfflineDevices() {
    // 1,000 x 0.9 = 900, less 100 connected and 50 of its own offline (they come back): 750.
    TargetCluster t = new TargetCluster("t", 0, "eu-north", 1000, 100, 50, 2, Optional.empty());
    assertEquals(750, t.freeDevices(0.9));
    assertEquals(850, t.freeDevices(1.0));
    assertEquals(0, new TargetCluster("t", 0, "", 1000, 990, 20, 2, Optional.empty()).freeDevices(1.0), "never negative");
    assertTrue(t.refused().isEmpty());
    assertTrue(new TargetCluster("t", 0, 10, 0, 1, false).refused().isPresent());
    assertEquals("", new TargetCluster("t", 0, null, 10, 0, 0, 1, null).region());
    assertTrue(new TargetCluster("t", 0, null, 10, 0, 0, 1, null).refused().isEmpty());
    // Refused for another reason (a run holds it), once: the first reason stands.
    TargetCluster held = t.refusedFor("t is held by run r");
    assertEquals(Optional.of("t is held by run r"), held.refused());
    assertEquals(Optional.of("t is held by run r"), held.refusedFor("another reason").refused());
    assertEquals(750, held.freeDevices(0.9), "the counts stay as they were");
  }
}
