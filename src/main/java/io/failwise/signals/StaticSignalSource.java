package io.failwise.signals;

import io.failwise.api.Cluster;
import io.failwise.api.SignalsSpec;
import io.failwise.model.DeviceObservation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Device counts written in the Cluster's spec.signals.static. */
@ApplicationScoped
public class StaticSignalSource implements SignalSource {
  private final Clock clock;

  public StaticSignalSource(Clock clock) {
    this.clock = clock;
  }

  @Override
  public boolean handles(Cluster cluster) {
    return cluster.getSpec() != null && cluster.getSpec().signals != null && cluster.getSpec().signals.staticSignal != null;
  }

  @Override
  public SignalReading read(Cluster cluster) {
    SignalsSpec.StaticSignal s = cluster.getSpec().signals.staticSignal;
    if (s.expected < 0 || s.connected < 0) {
      return SignalReading.unknown("InvalidCounts", "spec.signals.static holds negative device counts.");
    }
    return SignalReading.known(new DeviceObservation(s.expected, s.connected, Instant.now(clock)));
  }
}
