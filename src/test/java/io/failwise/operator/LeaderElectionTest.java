package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {
  @Test
  void twoProcessesOnOneHostHaveTwoIdentities() {
    assertEquals("failwise-controller-7d9-x2-1", LeaderElection.identity("failwise-controller-7d9-x2", 1));
    assertNotEquals(LeaderElection.identity("workstation", 4100), LeaderElection.identity("workstation", 4200));
    assertEquals("failwise-42", LeaderElection.identity(null, 42));
    assertEquals("failwise-42", LeaderElection.identity("  ", 42));
  }

  /**
   * A replica that lost its Lease must not go on reconciling beside the new leader: the callback ends the
   * process, from a thread of its own (the stop of a pod calls it from a shutdown hook, where an exit on the
   * calling thread would hang the JVM), and JOSDK's own exit, which would, stays off.
   */
  @Test
  void aReplicaThatStopsLeadingExitsFromAThreadOfItsOwn() throws Exception {
    var leader = new io.failwise.monitoring.LeaderMetric(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    var exited = new java.util.concurrent.CompletableFuture<String>();
    var callbacks = LeaderElection.callbacks(leader, () -> LeaderElection.exitAside(() -> exited.complete(Thread.currentThread().getName())));
    callbacks.onStartLeading();
    assertTrue(leader.leading());
    callbacks.onStopLeading();
    assertEquals("failwise-lost-lease", exited.get(10, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(!leader.leading(), "failwise_controller_leader drops first, for the no-leader alert");

    var c = LeaderElection.configuration("failwise-controller", "failwise-system", "pod-1", Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2), callbacks);
    assertTrue(!c.isExitOnStopLeading(), "JOSDK 5.3's exit runs on the stopping thread");
    assertEquals("failwise-controller", c.getLeaseName());
    assertEquals(java.util.Optional.of("failwise-system"), c.getLeaseNamespace());
    assertEquals(java.util.Optional.of("pod-1"), c.getIdentity());
    assertEquals(Duration.ofSeconds(10), c.getRenewDeadline());
  }

  @Test
  void leaseTimingsMustLetOneLeaderSettle() {
    LeaderElection.checkTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    var renewNotBelowLease = assertThrows(IllegalArgumentException.class,
        () -> LeaderElection.checkTimings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1)));
    assertTrue(renewNotBelowLease.getMessage().contains("renew-deadline (PT5S), which must be below lease-duration (PT5S)"),
        renewNotBelowLease.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LeaderElection.checkTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(10)));
    assertThrows(IllegalArgumentException.class,
        () -> LeaderElection.checkTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ZERO));
  }
}
