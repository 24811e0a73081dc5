package io.failwise.model.estimate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Small inputs whose losses can be worked out by hand. */
final class Fixtures {
  static final Instant AT = Instant.parse("2026-03-12T20:40:00Z");

  private Fixtures() {}

  /** 1,000 devices, admits 1 per second (60/min), 10 min cutover, failback required. */
  static SourceCluster source(Granularity granularity) {
    return new SourceCluster("src", 1000, 900, 2000, 1, Duration.ofMinutes(10), granularity, true);
  }

  /** Room for 10,000, admits 2 per second (120/min). */
  static TargetCluster target(String name, int priority) {
    return new TargetCluster(name, priority, 10_000, 0, 2, true);
  }

  /** When intermittent, twice as many devices are affected as are offline at once (at most all of them). */
  static EstimateInput input(SourceCluster source, List<TargetCluster> targets, long offline, boolean intermittent, Duration elapsed) {
    long affected = intermittent ? Math.min(source.expectedDevices(), 2 * offline) : offline;
    return new EstimateInput(
        source, targets, new Outage(AT.minus(elapsed), offline, affected, List.of()), AT, DurationPrior.DEFAULT, ZoneOffset.ofHours(1));
  }

  static EstimateInput input(long offline, Duration elapsed) {
    return input(source(Granularity.CLUSTER), List.of(target("tgt", 0)), offline, false, elapsed);
  }
}
