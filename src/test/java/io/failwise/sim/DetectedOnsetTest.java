package io.failwise.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.model.detect.DetectionState;
import io.failwise.model.detect.DetectionVerdict;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.model.detect.OfflineDetector;
import io.failwise.model.detect.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The onset a Cluster shows for a loss injected into the embedded world's fleet: never before the loss
 * began. The simulated monitor sees a charger go only when its keep-alive expires, so the loss first shows
 * about 2 minutes in, and that is the onset a monitor can give; what must never happen is an onset before
 * the injection, which an SRE reads as "the provider failed 10 minutes before anyone did anything". A
 * world that has run for 20 to 40 minutes has a baseline lagging the simulated rhythm by a few dozen devices,
 * and the CUSUM's last zero once dated such losses up to 705 s early (11 of these 32 nights).
 */
class DetectedOnsetTest {
  private static final Instant START = Instant.parse("2026-12-05T20:00:00Z");

  @Test
  void aLossInjectedIntoTheLivingFleetIsNeverDatedBeforeItBegan() {
    List<String> wrong = new ArrayList<>();
    for (boolean hard : new boolean[] {false, true}) {
      for (int minutes : new int[] {20, 40}) {
        for (long seed = 1; seed <= 8; seed++) {
          Instant injected = START.plus(Duration.ofMinutes(minutes));
          Instant onset = onset(seed, injected, hard);
          String night = (hard ? "hard" : "40% intermittent") + " loss at +" + minutes + " min, seed " + seed + ": onset ";
          if (onset == null) {
            wrong.add(night + "none, no Outage within 20 min");
          } else if (onset.isBefore(injected) || onset.isAfter(injected.plus(Duration.ofMinutes(3)))) {
            wrong.add(night + Duration.between(injected, onset).toSeconds() + " s from the injection");
          }
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  /** The onset of the first Outage after a loss injected at {@code injected}, sampled every 15 s as the simulated Prometheus scrapes. */
  private static Instant onset(long seed, Instant injected, boolean hard) {
    // 15 minutes of history first, as the embedded world makes before the controller starts.
    FleetSimulator fleet =
        FleetSimulator.builder(START.minus(Duration.ofMinutes(15))).seed(seed).cluster("go-eu-west-1", 180_000, 200_000, 500).build();
    OfflineDetector detector = new OfflineDetector(DetectorSettings.defaults());
    boolean hurt = false;
    for (Instant t = fleet.now(); t.isBefore(injected.plus(Duration.ofMinutes(20))); t = t.plus(SimulatedPrometheus.SCRAPE_INTERVAL)) {
      fleet.advanceTo(t);
      if (!hurt && !t.isBefore(injected)) {
        if (hard) {
          fleet.hardOutage("go-eu-west-1");
        } else {
          fleet.intermittentOutage("go-eu-west-1", 0.4);
        }
        hurt = true;
      }
      ClusterCounts c = fleet.counts("go-eu-west-1").orElseThrow();
      DetectionVerdict v = detector.step(Sample.of(t, c.observedConnected(), c.expected()));
      if (v.state() == DetectionState.OUTAGE) {
        return v.onset();
      }
    }
    return null;
  }
}
