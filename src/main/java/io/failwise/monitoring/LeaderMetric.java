package io.failwise.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code failwise_controller_leader}: 1 on the replica that runs the controllers. Without leader
 * election the one replica leads; with it, the Lease callbacks move it. The fleet alerts when no
 * replica reports 1. Removed at shutdown, so an application restarted in the same JVM reports its own
 * value, not the stopped instance's.
 */
@Singleton
public class LeaderMetric {
  private final AtomicInteger leading = new AtomicInteger();
  private final OwnedMeters meters;

  public LeaderMetric(MeterRegistry registry) {
    meters = new OwnedMeters(registry);
    meters.gauge("controller", "failwise_controller_leader", "1 when this replica holds the leader Lease (or leader election is off)",
        Tags.empty(), leading::get);
  }

  public void leading(boolean value) {
    leading.set(value ? 1 : 0);
  }

  /** Whether this replica leads (what the gauge says). */
  public boolean leading() {
    return leading.get() == 1;
  }

  @PreDestroy
  public void close() {
    meters.close();
  }
}
