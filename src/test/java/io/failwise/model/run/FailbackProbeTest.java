package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Where a Failover's failback probes a source whose outage may have cut its capacity, and where it
 * does not.
 */
class FailbackProbeTest {
  private static final List<Integer> WAVES = List.of(10, 50, 100);

  /**
   * The embedded world's reproduction: go-eu-west-2 (120,000 devices) with its capacity cut to 72,000, so
   * 48,000 offline when the Failover was planned. The canary (12,000) and wave 2 (60,000) fit under the
   * cut; the last wave sent the other 60,000 home at once and 48,000 went offline again. A probe at 70%
   * takes it to 84,000: 12,000 past what it held, a canary's worth, and at most that many offline.
   */
  @Test
  void aCapacityCutSourceIsProbedACanarysWorthPastWhatItHeld() {
    FailbackProbe.Probe probe = FailbackProbe.of(WAVES, 120_000, 48_000, 120_000).orElseThrow();
    assertEquals(new FailbackProbe.Probe(70, 84_000, 72_000, 12_000), probe);
    assertEquals(List.of(10, 50, 70, 100), FailbackProbe.with(WAVES, probe));
  }

  @Test
  void aSourceThatHeldAllItsDevicesOrLostThemAllGetsNone() {
    assertEquals(Optional.empty(), FailbackProbe.of(WAVES, 180_000, 0, 180_000), "no outage at planning: nothing to probe");
    // A total outage: held nothing, so the 10% canary already is the probe (18,000 past nothing).
    assertEquals(Optional.empty(), FailbackProbe.of(WAVES, 180_000, 180_000, 180_000));
  }

  /**
   * An affected-devices move takes the offline devices only: the devices that stayed are what the source
   * held, so its canary already goes a canary's worth past that and is the probe, whatever the waves.
   */
  @Test
  void anAffectedDevicesMovesCanaryIsItsProbe() {
    assertEquals(Optional.empty(), FailbackProbe.of(WAVES, 180_000, 30_000, 30_000));
    assertEquals(Optional.empty(), FailbackProbe.of(List.of(10, 100), 180_000, 30_000, 30_000));
  }

  @Test
  void aPlaybookWithAsManyWavesAsAPlanMayHaveGetsNone() {
    assertEquals(Optional.empty(), FailbackProbe.of(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 100), 120_000, 48_000, 120_000));
  }

  /**
   * Over generated failbacks: a probe lies strictly between two waves, never takes the source more than a
   * canary's worth past what it held, and with it no wave before the probe crosses that line: the first wave
   * to go past the level, by more than a canary's worth, is always the probe.
   */
  @Test
  void theProbeIsAlwaysTheFirstWavePastWhatTheSourceHeld() {
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      List<Integer> waves = ascending(random);
      long expected = 1 + random.nextInt(500_000);
      long offline = random.nextInt((int) expected + 1);
      long moved = 1 + (long) (random.nextDouble() * expected);
      var probe = FailbackProbe.of(waves, expected, offline, moved);
      if (probe.isEmpty()) {
        continue;
      }
      FailbackProbe.Probe p = probe.get();
      List<Integer> with = FailbackProbe.with(waves, p);
      assertEquals(waves.size() + 1, with.size(), "inserted, not replacing: " + waves + " " + p);
      for (int k = 1; k < with.size(); k++) {
        assertTrue(with.get(k) > with.get(k - 1), "strictly ascending: " + with);
      }
      long stays = expected - moved;
      long held = expected - offline;
      assertTrue(p.sourceDevices() <= held + p.margin(), p + " past the line");
      for (int percent : with.subList(0, with.indexOf(p.percent()))) {
        assertTrue(stays + moved * percent / 100 <= held + p.margin(), "wave " + percent + " before the probe crosses: " + p);
      }
    }
  }

  private static List<Integer> ascending(Random random) {
    java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
    int n = random.nextInt(4);
    while (set.size() < n) {
      set.add(1 + random.nextInt(99));
    }
    set.add(100);
    return List.copyOf(set);
  }
}
