package io.failwise.operator.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterSpec;
import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.FailoverSpec;
import io.failwise.api.SignalsSpec;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.Granularity;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.TargetCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EstimateInputsTest {
  private static final Instant AT = Instant.parse("2026-03-12T20:40:00Z");
  private static final Outage OUTAGE = new Outage(AT.minusSeconds(3300), 50_000);

  @Test
  void readsTheSourceSpecAndTheObservedDeviceCounts() {
    Cluster source = cluster("west", "fleet", 250_000, 960, 180_000, 179_000);
    source.getSpec().failover = failover(1200L, FailoverSpec.Granularity.Device, false, new FailoverSpec.Target("north", 0));
    source.setStatus(status(180_500, 130_000, "Outage"));
    EstimateInput in = EstimateInputs.from(source, List.of(source, cluster("north", "fleet", 300_000, 600, 90_000, 89_000)), OUTAGE, AT, DurationPrior.DEFAULT);
    assertEquals(180_500, in.source().expectedDevices());
    assertEquals(130_000, in.source().connectedDevices());
    assertEquals(250_000, in.source().capacityDevices());
    assertEquals(960, in.source().admissionDevicesPerSecond());
    assertEquals(Duration.ofSeconds(1200), in.source().cutover());
    assertEquals(Granularity.DEVICE, in.source().granularity());
    assertFalse(in.source().failbackRequired());
    assertEquals(55, in.elapsedMinutes(), 1e-9);
  }

  @Test
  void takesTargetsFromSpecFailoverWithTheirCountsAndHealth() {
    Cluster source = cluster("west", "fleet", 250_000, 960, 180_000, 130_000);
    source.getSpec().failover =
        failover(900L, FailoverSpec.Granularity.Cluster, true, new FailoverSpec.Target("north", 1), new FailoverSpec.Target("south", 0));
    Cluster north = cluster("north", "fleet", 300_000, 600, 90_000, 89_000);
    north.setStatus(status(90_000, 85_000, "Healthy"));
    Cluster south = cluster("south", "fleet", 100_000, 300, 10_000, 10_000);
    south.setStatus(status(10_000, 2_000, "Outage"));
    Cluster otherNamespace = cluster("south", "elsewhere", 1, 1, 0, 0);
    EstimateInput in = EstimateInputs.from(source, List.of(otherNamespace, source, north, south), OUTAGE, AT, DurationPrior.DEFAULT);
    assertEquals(2, in.targets().size());
    TargetCluster n = in.targets().get(0);
    assertEquals("north", n.name());
    assertEquals(1, n.priority());
    assertEquals(85_000, n.connectedDevices());
    // Room at 100% of capacity: 300,000 less 85,000 connected and its own 5,000 offline, which will come back.
    assertEquals(210_000, n.freeDevices(1.0));
    assertEquals(600, n.admissionDevicesPerSecond());
    assertTrue(n.refused().isEmpty());
    TargetCluster s = in.targets().get(1);
    assertEquals(100_000, s.capacityDevices());
    assertTrue(s.refused().isPresent());
    // spec.signals.static stands in for status only where no status was observed.
    assertEquals(180_000, in.source().expectedDevices());
  }

  @Test
  void aTargetWithUnknownHealthIsNotChosen() {
    Cluster source = cluster("west", "fleet", 250_000, 960, 180_000, 130_000);
    source.getSpec().failover = failover(900L, FailoverSpec.Granularity.Cluster, true, new FailoverSpec.Target("north", 0));
    Cluster north = cluster("north", "fleet", 300_000, 600, 90_000, 89_000);
    north.setStatus(status(90_000, 85_000, "Unknown"));
    assertTrue(EstimateInputs.from(source, List.of(source, north), OUTAGE, AT, DurationPrior.DEFAULT).targets().get(0).refused().isPresent());
  }

  /**
   * A deleted or misspelt target, the source itself, a target listed twice: passed over with the field and
   * the reason, never the reason no estimate is made (the other targets are still costed and chosen).
   */
  @Test
  void aTargetThatCannotBeUsedIsPassedOverWithItsReasonAndTheOthersAreCosted() {
    Cluster source = cluster("west", "fleet", 250_000, 960, 180_000, 130_000);
    source.getSpec().failover =
        failover(900L, FailoverSpec.Granularity.Cluster, true, new FailoverSpec.Target("ghost", 0), new FailoverSpec.Target("west", 0),
            new FailoverSpec.Target("north", 1), new FailoverSpec.Target("north", 2));
    Cluster north = cluster("north", "fleet", 300_000, 600, 90_000, 89_000);
    north.setStatus(status(90_000, 89_000, "Healthy"));
    EstimateInput in = EstimateInputs.from(source, List.of(source, north), OUTAGE, AT, DurationPrior.DEFAULT);
    assertEquals(List.of("ghost", "west", "north"), in.targets().stream().map(TargetCluster::name).toList());
    assertEquals(
        Optional.of("spec.failover.targets[0].cluster: Cluster 'ghost' does not exist in namespace fleet"), in.targets().get(0).refused());
    assertEquals(Optional.of("spec.failover.targets[1].cluster: a cluster cannot fail over to itself"), in.targets().get(1).refused());
    assertEquals(1, in.targets().get(2).priority(), "the first listing of north");
    assertTrue(in.targets().get(2).refused().isEmpty());
  }

  /**
   * A target stored under an older schema that the controller reads as its metadata only: it exists
   * (kubectl shows it, with the Unreadable event naming the field), so the reason says what is wrong with
   * it rather than that it does not exist; the readable target is still costed.
   */
  @Test
  void aTargetTheControllerCannotReadIsPassedOverSayingWhy() {
    Cluster source = cluster("west", "fleet", 250_000, 960, 180_000, 130_000);
    source.getSpec().failover =
        failover(900L, FailoverSpec.Granularity.Cluster, true, new FailoverSpec.Target("broken", 0), new FailoverSpec.Target("north", 1));
    Cluster broken = new Cluster();
    broken.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("broken").withNamespace("fleet")
        .addToAnnotations(io.failwise.operator.watch.Unreadable.ANNOTATION, "spec.capacity.devices: cannot read \"lots\" as a number").build());
    Cluster north = cluster("north", "fleet", 300_000, 600, 90_000, 89_000);
    north.setStatus(status(90_000, 89_000, "Healthy"));
    EstimateInput in = EstimateInputs.from(source, List.of(source, broken, north), OUTAGE, AT, DurationPrior.DEFAULT);
    assertEquals(
        Optional.of("spec.failover.targets[0].cluster: Cluster 'broken' exists but cannot be read (spec.capacity.devices: cannot read"
            + " \"lots\" as a number)"),
        in.targets().get(0).refused());
    assertTrue(in.targets().get(1).refused().isEmpty(), "north is costed");
  }

  @Test
  void aClusterWithoutFailoverHasNoTargets() {
    Cluster source = cluster("west", "fleet", 250_000, 960, 180_000, 130_000);
    EstimateInput in = EstimateInputs.from(source, List.of(source), OUTAGE, AT, DurationPrior.DEFAULT);
    assertTrue(in.targets().isEmpty());
    assertTrue(in.source().failbackRequired());
  }

  @Test
  void namesTheClusterAndFieldThatTheEstimateLacks() {
    Cluster source = cluster("west", "fleet", 250_000, 960, 180_000, 130_000);
    source.getSpec().failover = failover(null, FailoverSpec.Granularity.Cluster, true, new FailoverSpec.Target("north", 0));
    InvalidEstimateInputException noCutover =
        assertThrows(InvalidEstimateInputException.class, () -> EstimateInputs.from(source, List.of(source), OUTAGE, AT, DurationPrior.DEFAULT));
    assertEquals("west", noCutover.cluster());
    assertEquals("spec.failover.cutoverSeconds", noCutover.problem().field());

    source.getSpec().failover.cutoverSeconds = 900L;
    Cluster north = cluster("north", "fleet", 300_000, 600, 90_000, 89_000);
    north.getSpec().admission = null;
    InvalidEstimateInputException target =
        assertThrows(InvalidEstimateInputException.class, () -> EstimateInputs.from(source, List.of(source, north), OUTAGE, AT, DurationPrior.DEFAULT));
    assertEquals("north", target.cluster());
    assertEquals("spec.admission.devicesPerSecond", target.problem().field());

    Cluster small = cluster("small", "fleet", 250_000, 960, 1_000, 900);
    InvalidEstimateInputException tooFew =
        assertThrows(InvalidEstimateInputException.class, () -> EstimateInputs.from(small, List.of(small), OUTAGE, AT, DurationPrior.DEFAULT));
    assertEquals("status.devices.expected", tooFew.problem().field());
  }

  static Cluster cluster(String name, String namespace, long capacity, double rate, long expected, long connected) {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    ClusterSpec spec = new ClusterSpec();
    spec.region = "eu";
    spec.capacity = new ClusterSpec.Capacity();
    spec.capacity.devices = capacity;
    spec.admission = new ClusterSpec.Admission();
    spec.admission.devicesPerSecond = rate;
    spec.signals = new SignalsSpec();
    spec.signals.staticSignal = new SignalsSpec.StaticSignal();
    spec.signals.staticSignal.expected = expected;
    spec.signals.staticSignal.connected = connected;
    c.setSpec(spec);
    return c;
  }

  static FailoverSpec failover(Long cutoverSeconds, FailoverSpec.Granularity granularity, boolean failback, FailoverSpec.Target... targets) {
    FailoverSpec f = new FailoverSpec();
    f.cutoverSeconds = cutoverSeconds;
    f.granularity = granularity;
    f.failbackRequired = failback;
    f.targets = List.of(targets);
    return f;
  }

  static ClusterStatus status(long expected, long connected, String health) {
    ClusterStatus s = new ClusterStatus();
    s.devices = new DeviceCounts(expected, connected, expected - connected);
    s.health = health;
    return s;
  }
}
