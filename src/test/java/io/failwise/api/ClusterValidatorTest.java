package io.failwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.validation.ClusterValidator;
import io.failwise.api.validation.Problem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterValidatorTest {
  private static final ClusterValidator.References REFS =
      new ClusterValidator.References(Set.of("eu-west", "eu-north"), Set.of("west-1", "north-1"));

  private static List<String> problems(Cluster c) {
    return ClusterValidator.validate(c, REFS).stream().map(Problem::toString).toList();
  }

  @Test
  void theSampleShapeIsValid() {
    assertEquals(List.of(), problems(Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 179_000, "north-1")));
  }

  @Test
  void anUnknownRegionNamesTheKnownOnes() {
    assertEquals(
        List.of("spec.region: Region 'us-east' does not exist; known regions: eu-north, eu-west"),
        problems(Fixtures.cluster("fleet", "west-1", "us-east", 10, 10)));
  }

  @Test
  void targetsMustExistNotRepeatAndNotBeItself() {
    assertEquals(
        List.of(
            "spec.failover.targets[0].cluster: a cluster cannot fail over to itself",
            "spec.failover.targets[1].cluster: Cluster 'ghost' does not exist in this namespace; known clusters: north-1",
            "spec.failover.targets[3].cluster: 'north-1' is listed more than once"),
        problems(Fixtures.cluster("fleet", "west-1", "eu-west", 10, 10, "west-1", "ghost", "north-1", "north-1")));
  }

  /**
   * validate refuses them (a GitOps pipeline must not ship a typo), but they do not stop the controller
   * from observing the cluster: a target deleted while listed once made its source Unknown, and an outage
   * of the source went unseen (no Outage, no page, no decision).
   */
  @Test
  void aTargetThatCannotBeUsedIsRefusedNotBlocking() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 10, 10, "north-1", "ghost");
    assertEquals(List.of(), ClusterValidator.blocking(c, REFS));
    assertEquals(
        List.of("spec.failover.targets[1].cluster: Cluster 'ghost' does not exist in this namespace; known clusters: north-1"),
        ClusterValidator.refusedTargets(c, REFS).stream().map(Problem::toString).toList());
    assertEquals(ClusterValidator.refusedTargets(c, REFS).stream().map(Problem::toString).toList(), problems(c));
  }

  /**
   * The cutover's p90 against its median, as the estimator needs them: validate (and the controller's
   * InvalidSpec) refused none of these, and the estimate then failed on the first, or priced the last at a
   * mean cutover of 12 days.
   */
  @Test
  void aCutoverP90BelowItsMedianWithoutItOrOverTwentyTimesItIsRefused() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 10, 10, "north-1");
    c.getSpec().failover.cutoverSeconds = 1200L;
    c.getSpec().failover.cutoverP90Seconds = 600L;
    assertEquals(List.of("spec.failover.cutoverP90Seconds: must be at least spec.failover.cutoverSeconds (the median, 1200), got 600"), problems(c));
    c.getSpec().failover.cutoverSeconds = 600L;
    c.getSpec().failover.cutoverP90Seconds = 86_400L;
    assertEquals(List.of("spec.failover.cutoverP90Seconds: must be at most 20 x spec.failover.cutoverSeconds (600): that spread puts the"
        + " expected cutover (the lognormal's mean) at 12 d 19 h, got 86400"), problems(c));
    // Just past 20 x a 20-minute median: the mean is about 5 h, not "days".
    c.getSpec().failover.cutoverSeconds = 1200L;
    c.getSpec().failover.cutoverP90Seconds = 24_001L;
    assertEquals(List.of("spec.failover.cutoverP90Seconds: must be at most 20 x spec.failover.cutoverSeconds (1200): that spread puts the"
        + " expected cutover (the lognormal's mean) at 5 h 7 min, got 24001"), problems(c));
    c.getSpec().failover.cutoverSeconds = 600L;
    c.getSpec().failover.cutoverP90Seconds = 12_000L;
    assertEquals(List.of(), problems(c), "Azure's documented 10 minutes to 2 hours, and a little more, is a valid spread");
    c.getSpec().failover.cutoverSeconds = null;
    assertEquals(List.of("spec.failover.cutoverP90Seconds: needs spec.failover.cutoverSeconds, the median it widens, got a p90 of 12000 alone"),
        problems(c));
  }

  @Test
  void aFleetOfNamesIsShownAsTheFirstTenAndACount() {
    Set<String> fleet = new java.util.HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      fleet.add(String.format("c%04d", i));
    }
    var refs = new ClusterValidator.References(Set.of("eu-west"), fleet);
    List<String> problems =
        ClusterValidator.validate(Fixtures.cluster("fleet", "c0000", "eu-west", 10, 10, "ghost"), refs).stream().map(Problem::toString).toList();
    assertEquals(
        List.of(
            "spec.failover.targets[0].cluster: Cluster 'ghost' does not exist in this namespace; known clusters: "
                + "c0001, c0002, c0003, c0004, c0005, c0006, c0007, c0008, c0009, c0010 and 4,989 more"),
        problems,
        "itself is not offered, the rest are counted rather than listed");
  }

  /** validate said OK to 9,223,372,036,854,775,807 devices, whose Region's totals then overflowed into negative numbers. */
  @Test
  void countsNoClusterCanHoldAreRefused() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 10, 10);
    c.getSpec().capacity.devices = Long.MAX_VALUE;
    c.getSpec().signals.staticSignal.expected = Long.MAX_VALUE;
    c.getSpec().signals.staticSignal.connected = Long.MAX_VALUE;
    assertEquals(
        List.of(
            "spec.capacity.devices: must be from 0 to 10,000,000,000, got 9223372036854775807",
            "spec.signals.static: device counts must be from 0 to 10,000,000,000, got 9223372036854775807 expected and 9223372036854775807"
                + " connected"),
        problems(c));
  }

  @Test
  void countsThatContradictAreReported() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 100, 150);
    assertEquals(
        List.of("spec.signals.static.connected: cannot exceed expected (150 connected, 100 expected)"), problems(c));
    Cluster over = Fixtures.cluster("fleet", "west-1", "eu-west", 300_000, 260_000);
    assertTrue(problems(over).get(0).contains("exceeds spec.capacity.devices (250000)"), problems(over).toString());
  }

  @Test
  void missingAndOutOfRangeFieldsSayWhatIsValid() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 10, 10);
    c.getSpec().admission.devicesPerSecond = 0.0;
    c.getSpec().capacity = null;
    c.getSpec().failover.cutoverSeconds = -5L;
    c.getSpec().signals = null;
    assertEquals(
        List.of(
            "spec.capacity.devices: is required: the most concurrent connections it holds",
            "spec.admission.devicesPerSecond: must be a number above 0, got 0.0",
            "spec.failover.cutoverSeconds: must be between 0 and 86400, got -5",
            "spec.signals: name a source of device counts: static or prometheus"),
        problems(c));
    Cluster noSpec = new Cluster();
    noSpec.setMetadata(c.getMetadata());
    assertEquals(List.of("spec: is required"), problems(noSpec));
  }
}
