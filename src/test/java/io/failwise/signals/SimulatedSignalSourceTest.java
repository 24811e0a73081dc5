package io.failwise.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterSpec;
import io.failwise.api.SignalsSpec;
import io.failwise.model.DeviceObservation;
import io.failwise.sim.FleetSimulator;
import io.failwise.sim.SimulatedSignalSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedSignalSourceTest {
  static final Instant T0 = Instant.parse("2026-03-12T19:45:00Z");

  static Cluster cluster(String name, long staticExpected, long staticConnected) {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("failwise").build());
    ClusterSpec spec = new ClusterSpec();
    spec.signals = new SignalsSpec();
    spec.signals.staticSignal = new SignalsSpec.StaticSignal();
    spec.signals.staticSignal.expected = staticExpected;
    spec.signals.staticSignal.connected = staticConnected;
    c.setSpec(spec);
    return c;
  }

  @Test
  void simulatedClustersReadTheSimulatorAndOthersKeepTheirStaticCounts() {
    FleetSimulator sim = FleetSimulator.builder(T0).seed(1).cluster("go-eu-west-1", 10_000, 12_000, 500).build();
    ClusterSignals signals = new ClusterSignals(List.of(new SimulatedSignalSource(sim), new StaticSignalSource(sim.clock())));

    sim.hardOutage("go-eu-west-1");
    sim.advance(Duration.ofMinutes(10));
    SignalReading simulated = signals.read(cluster("go-eu-west-1", 10_000, 10_000));
    DeviceObservation o = simulated.observation().orElseThrow();
    assertEquals(10_000, o.expected());
    assertEquals(0, o.connected(), "the outage, not the spec's static counts");
    assertEquals(T0.plus(Duration.ofMinutes(10)), o.at(), "read at simulated time");

    DeviceObservation other = signals.read(cluster("go-eu-north-1", 500, 480)).observation().orElseThrow();
    assertEquals(480, other.connected(), "a cluster the simulator does not know keeps its static source");
    assertEquals(T0.plus(Duration.ofMinutes(10)), other.at(), "on the same simulated clock");
  }

  @Test
  void theReadingIsWhatAMonitorSeesNotTheTruth() {
    FleetSimulator sim = FleetSimulator.builder(T0).seed(1).cluster("hub", 10_000, 12_000, 500).build();
    SimulatedSignalSource source = new SimulatedSignalSource(sim);
    sim.hardOutage("hub");
    DeviceObservation justAfter = source.read(cluster("hub", 0, 0)).observation().orElseThrow();
    assertTrue(justAfter.connected() > 9_900, "keep-alives have not expired yet: " + justAfter.connected());
    assertFalse(source.handles(cluster("elsewhere", 0, 0)));
  }
}
