package io.failwise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FleetSimulatorTest {
  static final Instant T0 = Instant.parse("2026-03-12T19:30:00Z");

  private static ClusterCounts counts(FleetSimulator sim, String cluster) {
    return sim.counts(cluster).orElseThrow();
  }

  @Test
  void aReconnectStormIsAdmittedAtTheAdmissionRateAndNeverFaster() {
    FleetSimulator sim = FleetSimulator.builder(T0).seed(3).cluster("hub", 20_000, 25_000, 500).build();
    sim.hardOutage("hub");
    sim.advance(Duration.ofMinutes(2));
    sim.recover("hub");

    long admittedBefore = counts(sim, "hub").admittedAttempts();
    long fullSeconds = 0;
    for (int s = 0; s < 600; s++) {
      sim.advance(Duration.ofSeconds(1));
      long admitted = counts(sim, "hub").admittedAttempts();
      long inThisSecond = admitted - admittedBefore;
      assertTrue(inThisSecond <= 500, "admitted " + inThisSecond + " devices in one second at a 500/s hub");
      fullSeconds += inThisSecond == 500 ? 1 : 0;
      admittedBefore = admitted;
    }
    ClusterCounts hub = counts(sim, "hub");
    assertEquals(500, hub.peakAdmissionsPerSecond(), "the storm fills the door to its rate, and no further");
    assertTrue(fullSeconds >= 10, "the storm should keep the door full for a while, was full for " + fullSeconds + " s");
    assertTrue(hub.rejectedAttempts() > 0, "20,000 devices retrying at once must be throttled");
    assertTrue(hub.connected() > 19_900, "within 10 minutes everyone should be back, connected " + hub.connected());
  }

  @Test
  void everyKindOfFaultIsInForceUntilRecovered() {
    FleetSimulator sim = FleetSimulator.builder(T0).seed(3).cluster("hub", 1_000, 2_000, 100).build();
    assertFalse(sim.faulted("hub"), "a new cluster has no fault (`sim recover` then changes nothing)");
    sim.hardOutage("hub");
    assertTrue(sim.faulted("hub"));
    sim.recover("hub");
    assertFalse(sim.faulted("hub"));
    sim.intermittentOutage("hub", 0.3);
    assertTrue(sim.faulted("hub"));
    sim.intermittentOutage("hub", 0);
    assertFalse(sim.faulted("hub"), "an intermittent share of 0 ends the fault");
    sim.reduceCapacity("hub", 0);
    assertTrue(sim.faulted("hub"), "a capacity of 0 is a fault");
    sim.recover("hub");
    assertFalse(sim.faulted("hub"));
  }

  @Test
  void aClusterNeverHoldsMoreThanItsCapacity() {
    FleetSimulator sim = FleetSimulator.builder(T0).seed(4).cluster("small", 10_000, 8_000, 1_000).build();
    assertEquals(8_000, counts(sim, "small").connected(), "devices beyond capacity start offline");
    for (int s = 0; s < 300; s++) {
      sim.advance(Duration.ofSeconds(1));
      assertTrue(counts(sim, "small").connected() <= 8_000);
    }
    assertTrue(counts(sim, "small").rejectedAttempts() > 0, "the 2,000 devices beyond capacity keep trying and are refused");

    sim.reduceCapacity("small", 5_000);
    assertEquals(5_000, counts(sim, "small").connected(), "a capacity reduction disconnects the excess at once");
    for (int s = 0; s < 300; s++) {
      sim.advance(Duration.ofSeconds(1));
      assertTrue(counts(sim, "small").connected() <= 5_000);
    }
    sim.recover("small");
    sim.advance(Duration.ofMinutes(2));
    assertTrue(counts(sim, "small").connected() > 7_900, "recovery gives back the full capacity");
  }

  @Test
  void aHardOutageIsSeenByTheMonitorOnlyWhenKeepAlivesExpire() {
    Duration keepAlive = Duration.ofSeconds(60);
    FleetSimulator sim =
        FleetSimulator.builder(T0)
            .seed(5)
            .behaviour(DeviceBehaviour.defaults().withoutChurn().withKeepAlive(keepAlive))
            .cluster("hub", 10_000, 12_000, 1_000)
            .build();
    sim.hardOutage("hub");
    ClusterCounts atOnce = counts(sim, "hub");
    assertEquals(0, atOnce.connected(), "every device lost its connection");
    assertEquals(10_000, atOnce.observedConnected(), "but no keep-alive has expired yet");

    sim.advance(Duration.ofSeconds(29));
    assertEquals(10_000, counts(sim, "hub").observedConnected(), "nothing is noticed before half a keep-alive");
    sim.advance(Duration.ofSeconds(31));
    long halfway = counts(sim, "hub").observedOffline();
    assertTrue(halfway > 2_000 && halfway < 8_000, "about half noticed after one keep-alive, was " + halfway);
    sim.advance(Duration.ofSeconds(31));
    assertEquals(10_000, counts(sim, "hub").observedOffline(), "all noticed within 1.5 keep-alives");
  }

  @Test
  void anIntermittentOutageKeepsAboutTheConfiguredShareOfflineAndRotatesWhoIsOffline() {
    FleetSimulator sim = FleetSimulator.builder(T0).seed(6).cluster("hub", 20_000, 30_000, 1_000).build();
    sim.advance(Duration.ofMinutes(5));
    sim.intermittentOutage("hub", 0.30, Duration.ofMinutes(10));
    sim.advance(Duration.ofMinutes(5));
    long admittedAtStart = counts(sim, "hub").admittedAttempts();
    for (int m = 0; m < 30; m++) {
      sim.advance(Duration.ofMinutes(1));
      ClusterCounts c = counts(sim, "hub");
      double share = (double) c.offline() / c.expected();
      assertTrue(share >= 0.29 && share <= 0.33, "offline share " + share + " at minute " + m);
    }
    long readmitted = counts(sim, "hub").admittedAttempts() - admittedAtStart;
    assertTrue(readmitted > 20_000, "different devices take turns: " + readmitted + " readmissions in 30 minutes");

    sim.intermittentOutage("hub", 0);
    sim.advance(Duration.ofMinutes(2));
    assertTrue(counts(sim, "hub").offline() < 200, "ending the fault lets everyone back");
  }

  @Test
  void normalChurnKeepsASmallSteadyShareOffline() {
    FleetSimulator sim = FleetSimulator.builder(T0).seed(7).cluster("hub", 200_000, 250_000, 1_000).build();
    double expectedShare = sim.behaviour().churnOfflineShare();
    for (int i = 0; i < 6; i++) {
      sim.advance(Duration.ofMinutes(10));
      double share = (double) counts(sim, "hub").offline() / 200_000;
      assertTrue(Math.abs(share - expectedShare) < 0.001, "offline share " + share + ", churn alone should leave " + expectedShare);
    }
    assertTrue(counts(sim, "hub").observedOffline() < counts(sim, "hub").offline(), "short absences are partly never noticed");
  }

  @Test
  void theSameSeedReplaysTheSameNightAndAnotherSeedAnother() {
    long[] a = night(11);
    long[] b = night(11);
    long[] c = night(12);
    assertEquals(a[0], b[0]);
    assertEquals(a[1], b[1]);
    assertNotEquals(a[1], c[1]);
  }

  private static long[] night(long seed) {
    FleetSimulator sim = FleetSimulator.builder(T0).seed(seed).cluster("a", 30_000, 40_000, 500).cluster("b", 10_000, 40_000, 500).build();
    sim.at(T0.plus(Duration.ofMinutes(5)), s -> s.intermittentOutage("a", 0.2));
    sim.at(T0.plus(Duration.ofMinutes(20)), s -> s.recover("a"));
    sim.advance(Duration.ofMinutes(30));
    return new long[] {counts(sim, "a").offline(), counts(sim, "a").connectionAttempts()};
  }

  @Test
  void scheduledActionsRunAtTheirSimulatedTimeAndTheClockFollows() {
    FleetSimulator sim = FleetSimulator.builder(T0).cluster("hub", 1_000, 2_000, 100).build();
    sim.at(T0.plusSeconds(90), s -> s.hardOutage("hub"));
    sim.advance(Duration.ofSeconds(89));
    assertEquals(T0.plusSeconds(89), sim.clock().instant());
    assertTrue(counts(sim, "hub").connected() > 950);
    sim.advance(Duration.ofSeconds(2));
    assertEquals(0, counts(sim, "hub").connected());
    assertEquals(T0.plusSeconds(91), counts(sim, "hub").at());
    sim.advanceTo(T0);
    assertEquals(T0.plusSeconds(91), sim.now(), "time never runs backwards");
  }

  @Test
  void aPacedShiftMovesDevicesAtThePaceAndFailbackBringsThemHome() {
    FleetSimulator sim =
        FleetSimulator.builder(T0)
            .behaviour(DeviceBehaviour.defaults().withoutChurn())
            .cluster("west", 10_000, 12_000, 500)
            .cluster("north", 5_000, 12_000, 500)
            .build();
    WaveStatus started = sim.shift("west", "north", 2_000, 100);
    assertEquals(2_000, started.selectedDevices());
    assertEquals(0, started.movedDevices());
    assertEquals(T0.plusSeconds(20).minus(FleetSimulator.TICK), started.movesDoneAt());

    sim.advance(Duration.ofSeconds(10));
    WaveStatus halfway = sim.wave(started.id()).orElseThrow();
    assertEquals(1_000, halfway.movedDevices());
    assertEquals(9_000, counts(sim, "west").expected());
    assertEquals(6_000, counts(sim, "north").expected());

    sim.advance(Duration.ofSeconds(11));
    WaveStatus done = sim.wave(started.id()).orElseThrow();
    assertTrue(done.complete(), "all 2,000 moved and connected: " + done);
    assertEquals(0, counts(sim, "north").rejectedAttempts(), "a wave at the admission pace is never throttled");
    assertEquals(8_000, counts(sim, "west").connected());
    assertEquals(7_000, counts(sim, "north").connected());

    WaveStatus back = sim.failback("west", "north", 5_000, 200);
    assertEquals(2_000, back.selectedDevices(), "only the devices that came from west go back");
    sim.advance(Duration.ofSeconds(11));
    assertTrue(sim.wave(back.id()).orElseThrow().complete());
    assertEquals(10_000, counts(sim, "west").connected());
    assertEquals(5_000, counts(sim, "north").connected());
  }

  /**
   * A failback that begins while the shift is still moving devices (an abort during the last wave):
   * only the devices already moved go back, and the shift moves none after. It went on delivering the
   * rest to the target after they had been sent home, and 66,960 devices stayed there for good while
   * the run said every step was undone.
   */
  @Test
  void aFailbackDuringAShiftStopsTheShiftAndEveryDeviceEndsHome() {
    FleetSimulator sim =
        FleetSimulator.builder(T0)
            .behaviour(DeviceBehaviour.defaults().withoutChurn())
            .cluster("west", 10_000, 12_000, 500)
            .cluster("north", 5_000, 12_000, 500)
            .build();
    WaveStatus shift = sim.shift("west", "north", 4_000, 100);
    sim.advance(Duration.ofSeconds(10));
    assertEquals(1_000, sim.wave(shift.id()).orElseThrow().movedDevices(), "a quarter moved when the routing is put back");

    WaveStatus back = sim.failback("west", "north", 4_000, 200);
    assertEquals(1_000, back.selectedDevices(), "the ones already moved");
    sim.advance(Duration.ofSeconds(60));
    assertEquals(1_000, sim.wave(shift.id()).orElseThrow().movedDevices(), "the shift moved none after the failback began");
    assertEquals(10_000, counts(sim, "west").expected(), "every device of west is home");
    assertEquals(5_000, counts(sim, "north").expected());
    assertEquals(10_000, counts(sim, "west").connected());
  }

  @Test
  void aShiftTakesTheDevicesAlreadyOfflineFirst() {
    FleetSimulator sim =
        FleetSimulator.builder(T0).behaviour(DeviceBehaviour.defaults().withoutChurn()).cluster("west", 10_000, 10_000, 500).cluster("north", 0, 10_000, 500).build();
    sim.reduceCapacity("west", 7_000);
    WaveStatus w = sim.shift("west", "north", 3_000, 500);
    sim.advance(Duration.ofSeconds(7));
    assertTrue(sim.wave(w.id()).orElseThrow().complete());
    assertEquals(7_000, counts(sim, "west").connected(), "no connected device of west was moved");
    assertEquals(0, counts(sim, "west").offline(), "the 3,000 that west could not hold now live on north");
  }

  @Test
  void allAtOnceEveryDeviceReconnectsOnItsOwnBackoffAndTheTargetThrottles() {
    FleetSimulator sim =
        FleetSimulator.builder(T0).behaviour(DeviceBehaviour.defaults().withoutChurn()).cluster("west", 10_000, 20_000, 500).cluster("north", 0, 20_000, 500).build();
    WaveStatus w = sim.shiftAll("west", "north");
    assertEquals(10_000, w.movedDevices());
    assertEquals(0, counts(sim, "west").expected());
    assertEquals(0, counts(sim, "north").connected(), "the switch drops every connection");
    sim.advance(Duration.ofMinutes(5));
    ClusterCounts north = counts(sim, "north");
    assertTrue(north.rejectedAttempts() > 10_000, "10,000 devices at a 500/s door: a storm of refusals");
    assertTrue(north.peakAttemptsPerSecond() > 5_000);
    assertTrue(north.connected() > 9_000);
  }

  @Test
  void badActionArgumentsAreRefusedWithAMessageNamingThem() {
    FleetSimulator sim = FleetSimulator.builder(T0).cluster("west", 100, 200, 10).cluster("north", 100, 200, 10).build();
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> sim.shift("west", "south", 10, 5));
    assertTrue(unknown.getMessage().contains("'south'") && unknown.getMessage().contains("west, north"), unknown.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sim.shift("west", "north", 0, 5)).getMessage().contains("devices"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sim.shift("west", "north", 10, 0)).getMessage().contains("devicesPerSecond"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sim.shift("west", "west", 10, 5)).getMessage().contains("same cluster"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sim.intermittentOutage("west", 1.5)).getMessage().contains("offlineFraction"));
    assertTrue(sim.wave(42).isEmpty());
    assertTrue(sim.counts("south").isEmpty());
  }

  @Test
  void smallStepsAddUpToWholeTicks() {
    FleetSimulator sim = FleetSimulator.builder(T0).cluster("hub", 10, 10, 1).build();
    for (int i = 0; i < 40; i++) {
      sim.advance(Duration.ofMillis(25));
    }
    assertEquals(T0.plusSeconds(1), sim.now());
  }

  @Test
  void aRunCanPollItsWaveFromItsOwnThreadWhileTheDemoAdvancesTime() throws Exception {
    FleetSimulator sim =
        FleetSimulator.builder(T0).behaviour(DeviceBehaviour.defaults().withoutChurn()).cluster("west", 20_000, 20_000, 500).cluster("north", 0, 20_000, 500).build();
    WaveStatus w = sim.shift("west", "north", 10_000, 500);
    Thread demo =
        new Thread(
            () -> {
              for (int s = 0; s < 120; s++) {
                sim.advance(Duration.ofSeconds(1));
              }
            });
    demo.start();
    do {
      WaveStatus now = sim.wave(w.id()).orElseThrow();
      assertTrue(now.connectedDevices() <= now.movedDevices());
      // One call, one lock: reading the two clusters separately would race with the demo's thread.
      long total = sim.allCounts().stream().mapToLong(ClusterCounts::expected).sum();
      assertEquals(20_000, total, "no device lost or doubled");
    } while (demo.isAlive());
    demo.join();
    assertTrue(sim.wave(w.id()).orElseThrow().complete(), "10,000 devices at 500/s are home within 120 s");
    assertEquals(0, counts(sim, "north").rejectedAttempts());
  }
}
