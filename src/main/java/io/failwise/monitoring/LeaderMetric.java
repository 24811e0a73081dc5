package io.failwise.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code failwise_controller_leader}: 1 on the replica that runs the controllers. Without leader
 * election the one replica leads; with it, the Lease callbacks move it. The fleet alerts when no
 * replica reports 1.
 */
@Singleton
public class LeaderMetric {
  private final AtomicInteger leading = new AtomicInteger();

  public LeaderMetric(MeterRegistry registry) {
    Gauge.builder("failwise_controller_leader", leading, AtomicInteger::get)
        .description("1 when this replica holds the leader Lease (or leader election is off)")
        .register(registry);
  }

  public void leading(boolean value) {
    leading.set(value ? 1 : 0);
  }
}
