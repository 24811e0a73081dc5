package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WavesTest {
  @Test
  void pacesARegionalFailoverOfTheSampleClusterAtItsTargetsAdmissionRate() {
    // go-eu-west-1: 180,000 devices to go-eu-north-1, which admits 960 new connections per second.
    List<Wave> waves = Waves.pace(List.of(1, 10, 50, 100), 180_000, 960, Duration.ZERO);
    assertEquals(List.of(1_800L, 16_200L, 72_000L, 90_000L), waves.stream().map(Wave::devices).toList());
    assertEquals(List.of(1_800L, 18_000L, 90_000L, 180_000L), waves.stream().map(Wave::devicesAfter).toList());
    // ceil(1,800 / 960) = 2 s, 16,200 / 960 = 16.9 -> 17 s, 75 s, 93.75 -> 94 s
    assertEquals(List.of(2L, 17L, 75L, 94L), waves.stream().map(w -> w.paced().toSeconds()).toList());
    assertEquals(Duration.ofSeconds(188), Waves.total(waves));
  }

  @Test
  void aHoldLongerThanThePacedTimeSetsTheWaveDuration() {
    List<Wave> waves = Waves.pace(List.of(1, 100), 180_000, 960, Duration.ofMinutes(2));
    assertEquals(Duration.ofMinutes(2), waves.get(0).duration(), "2 s of pacing, held 2 min");
    assertEquals(Duration.ofSeconds(186), waves.get(1).duration(), "178,200 devices need 186 s, more than the hold");
  }

  @Test
  void neverAdmitsMoreDevicesPerSecondThanTheTargetAcceptsAndMovesEveryDeviceExactlyOnce() {
    Random random = new Random(42);
    for (int trial = 0; trial < 2_000; trial++) {
      long devices = random.nextInt(2_000_000);
      double rate = 0.5 + random.nextDouble() * 10_000;
      List<Integer> percents = randomWaves(random);
      List<Wave> waves = Waves.pace(percents, devices, rate, Duration.ZERO);
      long sum = 0;
      for (Wave w : waves) {
        sum += w.devices();
        assertTrue(w.devices() >= 0);
        // The wave's devices, spread over its duration, stay within the admission rate.
        assertTrue(
            w.devices() <= rate * w.duration().toSeconds() + 1e-6,
            w + " admits more than " + rate + "/s");
      }
      assertEquals(devices, sum, "every device moves once over " + percents);
      assertEquals(devices, waves.get(waves.size() - 1).devicesAfter());
    }
  }

  @Test
  void aDrillKeepsTheWavesBelowItsCapThenStopsAtTheCap() {
    assertEquals(List.of(1, 5), Waves.capAt(List.of(1, 10, 50, 100), 5));
    assertEquals(List.of(1, 10), Waves.capAt(List.of(1, 10, 50, 100), 10));
    assertEquals(List.of(1), Waves.capAt(List.of(1, 10, 50, 100), 1));
    assertEquals(List.of(1, 10, 50, 100), Waves.capAt(List.of(1, 10, 50, 100), 100));
    List<Wave> drill = Waves.pace(Waves.capAt(List.of(1, 10, 50, 100), 5), 9_000, 960, Duration.ZERO);
    assertEquals(450, drill.get(1).devicesAfter(), "5 % of 9,000 devices");
  }

  @Test
  void saysWhatIsWrongWithAPlaybooksWaves() {
    assertEquals(List.of(), Waves.problems(List.of(1, 10, 50, 100)));
    assertEquals(List.of("needs at least one wave, e.g. [1, 10, 50, 100]"), Waves.problems(List.of()));
    assertEquals(
        List.of("[2] is 10 after 50; waves must be strictly ascending"), Waves.problems(List.of(1, 50, 10, 100)));
    assertEquals(List.of("must end at 100 (the last wave moves everything), got 50"), Waves.problems(List.of(1, 10, 50)));
    assertEquals(
        List.of("[0] is 0; each wave is a percentage from 1 to 100", "[1] is 120; each wave is a percentage from 1 to 100",
            "must end at 100 (the last wave moves everything), got 120"),
        Waves.problems(List.of(0, 120)));
    assertEquals(1, Waves.problems(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100)).size(), "11 waves is too many");
  }

  @Test
  void refusesToPaceAtNoRate() {
    assertThrows(IllegalArgumentException.class, () -> Waves.pace(List.of(100), 10, 0, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Waves.pace(List.of(50, 10), 10, 1, Duration.ZERO));
  }

  private static List<Integer> randomWaves(Random random) {
    java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      set.add(1 + random.nextInt(99));
    }
    set.add(100);
    return List.copyOf(set);
  }
}
