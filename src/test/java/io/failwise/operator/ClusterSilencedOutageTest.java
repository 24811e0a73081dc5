package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.failwise.api.ClusterStatus;
import io.failwise.operator.status.Conditions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An outage a silence began during, as the Cluster's Events and metrics tell it: not over. */
class ClusterSilencedOutageTest {
  private static Condition outage(String status, String reason) {
    return new ConditionBuilder().withType("Outage").withStatus(status).withReason(reason).withMessage(reason + " message").build();
  }

  private static Optional<String> event(Condition then, Condition now) {
    return OutageEvents.outageEvent(then, now).map(e -> (e.warning() ? "Warning " : "Normal ") + e.reason());
  }

  @Test
  void aSilenceIsNoOutageOverAndTheEndOfTheOutageIsAnnouncedOnce() {
    Condition dropping = outage("True", "DevicesDropping");
    Condition silenced = outage("False", "Silenced");
    Condition churn = outage("False", "NormalChurn");
    Condition maintenance = outage("False", "Maintenance");
    assertEquals(Optional.of("Warning OutageDetected"), event(outage("False", "NormalChurn"), dropping));
    assertEquals(Optional.of("Warning OutageDetected"), event(null, dropping));
    assertEquals(Optional.of("Normal OutageSilenced"), event(dropping, silenced), "not OutageOver");
    assertEquals(Optional.of("Warning OutageResumed"), event(silenced, dropping), "the same outage, after the window");
    assertEquals(Optional.of("Normal OutageOver"), event(silenced, churn), "the devices came back inside the window");
    assertEquals(Optional.of("Normal OutageOver"), event(silenced, maintenance), "half back inside the window");
    assertEquals(Optional.of("Normal OutageOver"), event(dropping, churn));
    assertEquals(Optional.empty(), event(churn, maintenance), "a loss inside a window that never was an outage");
    assertEquals(Optional.empty(), event(dropping, outage("Unknown", "SignalLost")), "an unknown signal ends nothing");
    assertEquals(Optional.empty(), event(silenced, outage("Unknown", "SignalLost")));
  }

  /**
   * The signal of a cluster in Outage was lost, then reads again: the same outage going on is no second
   * OutageDetected (a page for a new outage), and the devices back end it with OutageOver.
   */
  @Test
  void aSignalBackDuringAnOutageIsNoNewOutageAndItsEndIsAnnounced() {
    Condition lost = outage("Unknown", "SignalLost");
    var goesOn = OutageEvents.outageEvent(lost, outage("True", "DevicesDropping"), true).orElseThrow();
    assertEquals("Normal OutageGoesOn", (goesOn.warning() ? "Warning " : "Normal ") + goesOn.reason());
    assertEquals("The device counts can be read again and the outage goes on: DevicesDropping message", goesOn.message());
    assertEquals(Optional.of("OutageOver"), OutageEvents.outageEvent(lost, outage("False", "NormalChurn"), true).map(e -> e.reason()));
    assertEquals(Optional.of("Warning OutageDetected"), event(lost, outage("True", "DevicesDropping")), "lost while healthy: a new outage");
  }

  @Test
  void theSilencedGaugeSaysTheOutageIsNotOverWhileHealthSaysDegraded() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ClusterMetrics metrics = new ClusterMetrics(registry);
    ClusterStatus s = new ClusterStatus();
    s.health = "Degraded";
    s.conditions =
        Conditions.set(List.of(), ClusterStatusFactory.OUTAGE, Conditions.FALSE, ClusterStatusFactory.SILENCED, "silenced", 1L, Instant.EPOCH);
    metrics.record("fleet", "go-eu-west-2", s);
    assertEquals(2.0, registry.get("failwise_cluster_health").tags("cluster", "go-eu-west-2").gauge().value());
    assertEquals(1.0, registry.get("failwise_cluster_outage_silenced").tags("cluster", "go-eu-west-2").gauge().value());
    s.conditions = Conditions.set(s.conditions, ClusterStatusFactory.OUTAGE, Conditions.FALSE, "NormalChurn", "over", 1L, Instant.EPOCH);
    metrics.record("fleet", "go-eu-west-2", s);
    assertEquals(0.0, registry.get("failwise_cluster_outage_silenced").tags("cluster", "go-eu-west-2").gauge().value());
  }
}
