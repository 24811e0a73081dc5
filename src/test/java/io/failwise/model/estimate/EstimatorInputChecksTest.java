package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Inputs that describe no possible cluster, reading or configuration are refused with a message naming the field. */
class EstimatorInputChecksTest {
  private static final Duration TEN = Duration.ofMinutes(10);

  private static void refused(String message, Executable build) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
  }

  private static SourceCluster source(String name, long expected, long connected, long capacity, double rate) {
    return new SourceCluster(name, "eu-west", expected, connected, capacity, rate, TEN, null, Granularity.CLUSTER, true);
  }

  private static TargetCluster target(String name, long capacity, long connected, long offline, double rate) {
    return new TargetCluster(name, 0, "eu-north", capacity, connected, offline, rate, Optional.empty());
  }

  @Test
  void aSourceClusterNeedsANameCountsOfZeroOrMoreAndARateAboveZero() {
    refused("source cluster: a name is required", () -> source(" ", 1, 1, 1, 1));
    refused("source src: expectedDevices must be 0 or more, got -1", () -> source("src", -1, 0, 0, 1));
    refused("source src: connectedDevices must be 0 or more, got -1", () -> source("src", 0, -1, 0, 1));
    refused("source src: capacityDevices must be 0 or more, got -1", () -> source("src", 0, 0, -1, 1));
    refused("source src: admissionDevicesPerSecond must be a number above 0, got 0.0", () -> source("src", 0, 0, 0, 0));
    assertEquals("eu-west", source("src", 0, 0, 0, 1).region());
    assertEquals("", new SourceCluster("src", null, 1, 1, 1, 1, TEN, null, Granularity.CLUSTER, true).region());
    refused(
        "source src: cutoverP90 (PT5M) cannot be below the median cutover (PT10M)",
        () -> new SourceCluster("src", "", 1, 1, 1, 1, TEN, Duration.ofMinutes(5), Granularity.CLUSTER, true));
  }

  @Test
  void aTargetClusterNeedsANameCountsOfZeroOrMoreAndARateAboveZero() {
    refused("target cluster: a name is required", () -> target("", 1, 1, 1, 1));
    refused("target t: capacityDevices must be 0 or more, got -1", () -> target("t", -1, 0, 0, 1));
    refused("target t: connectedDevices must be 0 or more, got -1", () -> target("t", 0, -1, 0, 1));
    refused("target t: offlineDevices must be 0 or more, got -1", () -> target("t", 0, 0, -1, 1));
    refused("target t: admissionDevicesPerSecond must be a number above 0, got NaN", () -> target("t", 0, 0, 0, Double.NaN));
    assertEquals("eu-north", target("t", 0, 0, 0, 1).region());
  }

  @Test
  void readingsAreCountsOfZeroOrMoreOldestFirst() {
    Instant at = Fixtures.AT;
    refused("sample offlineDevices must be 0 or more, got -1", () -> new OfflineSample(at, -1));
    OfflineSample earlier = new OfflineSample(at.minusSeconds(60), 5);
    OfflineSample later = new OfflineSample(at, 5);
    refused(
        "outage recent samples must be oldest first with distinct times: " + earlier.at() + " is not after " + later.at(),
        () -> new Outage(at, 5, 5, List.of(later, earlier)));
    assertDoesNotThrow(() -> new Outage(at, 5, 5, List.of(earlier, later)));
  }

  @Test
  void theUtilisationCapLiesAboveZeroAndAtMostOne() {
    Duration five = Duration.ofMinutes(5);
    Duration fifteen = Duration.ofMinutes(15);
    assertEquals(1.0, new EstimatorConfig(1.0, five, fifteen).maxTargetUtilization());
    refused("maxTargetUtilization must be in (0, 1], got 0.0", () -> new EstimatorConfig(0, five, fifteen));
    refused("maxTargetUtilization must be in (0, 1], got 1.01", () -> new EstimatorConfig(1.01, five, fifteen));
    refused("maxTargetUtilization must be in (0, 1], got NaN", () -> new EstimatorConfig(Double.NaN, five, fifteen));
  }

  @Test
  void reEvaluationNeedsAShortestWaitOfZeroOrMoreAndALongestAboveZeroAndNotBelowIt() {
    Duration five = Duration.ofMinutes(5);
    assertDoesNotThrow(() -> new EstimatorConfig(0.9, five, five));
    assertDoesNotThrow(() -> new EstimatorConfig(0.9, Duration.ZERO, five));
    String prefix = "re-evaluation needs 0 <= reevaluateMin <= reevaluateMax, reevaluateMax above 0, got ";
    refused(prefix + "PT-1S and PT5M", () -> new EstimatorConfig(0.9, Duration.ofSeconds(-1), five));
    refused(prefix + "PT5M and PT4M59S", () -> new EstimatorConfig(0.9, five, five.minusSeconds(1)));
    refused(prefix + "PT0S and PT0S", () -> new EstimatorConfig(0.9, Duration.ZERO, Duration.ZERO));
  }

  @Test
  void anotherCapKeepsTheOtherAssumptionsAndTheEstimatorReportsItsConfiguration() {
    EstimatorConfig capped = EstimatorConfig.DEFAULT.withMaxTargetUtilization(0.8);
    assertEquals(new EstimatorConfig(0.8, Duration.ofMinutes(5), Duration.ofMinutes(15)), capped);
    assertSame(capped, new FailoverEstimator(capped).config());
    assertSame(EstimatorConfig.DEFAULT, FailoverEstimator.withDefaults().config());
  }
}
