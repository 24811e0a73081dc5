package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.RunEstimate;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.cli.files.SourcedDocument;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.operator.estimate.PastOutages;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The estimate a run records (and {@code failwise plan} prints) weighs an outage only when the source is in
 * one, as the controller's detection says (the Outage condition): on a healthy source the 580 devices
 * offline are churn, and the estimate says there is no outage and what the move costs.
 */
class RunEstimatesTest {
  private static final Instant NOW = Instant.parse("2026-03-12T23:15:00Z");

  private final List<Cluster> clusters = new ArrayList<>();

  RunEstimatesTest() {
    for (SourcedDocument d : ResourceFiles.read(List.of(Path.of("manifests/samples/clusters.yaml")))) {
      clusters.add(ResourceFiles.convert(d, Cluster.class));
    }
  }

  private Cluster west(long connected, String health, String outageCondition) {
    Cluster west = clusters.stream().filter(c -> c.getMetadata().getName().equals("go-eu-west-1")).findFirst().orElseThrow();
    ClusterStatus s = new ClusterStatus();
    s.devices = new DeviceCounts(180_000L, connected, 180_000L - connected);
    s.health = health;
    if (outageCondition != null) {
      Condition c = new ConditionBuilder().withType("Outage").withStatus(outageCondition).withReason("DevicesOffline").withMessage("m")
          .withLastTransitionTime("2026-03-12T22:45:00Z").build();
      s.conditions = new ArrayList<>(List.of(c));
    }
    west.setStatus(s);
    return west;
  }

  private RunEstimate estimate(Cluster source) {
    return RunEstimates.estimate(
        FailoverEstimator.withDefaults(), source, source.getStatus().devices.offline, clusters, NOW, PastOutages.Learning.OFF, Optional.empty(), null);
  }

  /**
   * A run's estimate says its times in the controller's zone, as the policies' decisions do: an outside pass
   * read "Re-evaluate at 21:36:33 UTC" in a run beside a decision's "22:33:43 +01:00" (failwise.time-zone
   * Europe/Amsterdam), on the page where the approver decides.
   */
  @Test
  void aRunsEstimateSpeaksInTheControllersZone() {
    Cluster west = west(120_000, "Outage", "True");
    RunEstimate amsterdam = RunEstimates.estimate(FailoverEstimator.withDefaults(), west, 60_000, clusters, NOW, PastOutages.Learning.OFF,
        Optional.empty(), null, io.failwise.model.estimate.DurationPrior.DEFAULT, java.time.ZoneId.of("Europe/Amsterdam"));
    assertTrue(amsterdam.explanation.contains("+01:00"), amsterdam.explanation);
    assertTrue(!amsterdam.explanation.contains(" UTC"), amsterdam.explanation);
    assertTrue(estimate(west).explanation.contains(" UTC"), "without a zone, UTC as before: " + estimate(west).explanation);
  }

  /**
   * A run weighs only the moves its playbook makes, as the policy that created it did: go-eu-west-1 with
   * device granularity and 60,000 of its devices offline is best served by moving only those, but a run of
   * a playbook whose shift moves every device cannot do that, and its estimate recommended it anyway (an
   * outside pass saw FAILOVER_AFFECTED in the status of a regional-failover run, under a decision that
   * said the move was not weighed).
   */
  @Test
  void aRunWeighsOnlyTheMovesItsPlaybookMakes() {
    Cluster west = west(120_000, "Outage", "True");
    west.getSpec().failover.granularity = io.failwise.api.FailoverSpec.Granularity.Device;
    RunEstimate any = estimate(west);
    assertEquals("FAILOVER_AFFECTED", any.recommendation, "with no plan, every move is weighed: " + any.explanation);

    io.failwise.api.FailoverRunStatus.Plan plan = new io.failwise.api.FailoverRunStatus.Plan();
    plan.playbook = "regional-failover";
    io.failwise.api.FailoverRunStatus.PlannedStep shift = new io.failwise.api.FailoverRunStatus.PlannedStep();
    shift.kind = "Shift";
    shift.spec = new io.failwise.api.PlaybookStep();
    shift.spec.shift = new io.failwise.api.PlaybookStep.Shift();
    plan.steps.add(shift);
    RunEstimate whole = RunEstimates.estimate(
        FailoverEstimator.withDefaults(), west, 60_000, clusters, NOW, PastOutages.Learning.OFF, Optional.empty(), plan);
    assertTrue(List.of("HOLD", "FAILOVER").contains(whole.recommendation), whole.recommendation + ": " + whole.explanation);
    // With the target the run names (status.target once admitted; the estimate a waiting run makes again
    // each minute): the same moves only. The named target replaced the targets and, with them, the moves.
    RunEstimate named = RunEstimates.estimate(
        FailoverEstimator.withDefaults(), west, 60_000, clusters, NOW, PastOutages.Learning.OFF, Optional.of("go-eu-north-1"), plan);
    assertTrue(List.of("HOLD", "FAILOVER").contains(named.recommendation), named.recommendation + ": " + named.explanation);
    assertEquals("go-eu-north-1", named.options.stream().filter(o -> "FAILOVER".equals(o.action)).findFirst().orElseThrow().target);

    shift.spec.shift.scope = io.failwise.api.PlaybookStep.Scope.Affected;
    RunEstimate affected = RunEstimates.estimate(
        FailoverEstimator.withDefaults(), west, 60_000, clusters, NOW, PastOutages.Learning.OFF, Optional.empty(), plan);
    assertEquals("FAILOVER_AFFECTED", affected.recommendation, affected.explanation);
  }

  /** A measured cutover of 58.6 s is one number in one paragraph: it read "median 58 s" beside "Cutover 59 s as measured". */
  @Test
  void aMeasuredCutoverIsRoundedAlikeInBothItsSentences() {
    Cluster west = west(179_420, "Healthy", "False");
    var c = new io.failwise.api.ClusterCalibration();
    c.cutoverSeconds = 58.6;
    c.runs = 1;
    c.at = "2026-03-12T20:00:00Z";
    west.getStatus().calibration = c;
    RunEstimate e = estimate(west);
    assertTrue(e.explanation.contains("disconnected for the cutover (median 59 s)"), e.explanation);
    assertTrue(e.explanation.contains("Cutover 59 s as measured by 1 run"), e.explanation);
  }

  @Test
  void anOutageConditionThatIsFalseIsNoOutage() {
    RunEstimate e = estimate(west(179_420, "Healthy", "False"));
    assertEquals("HOLD", e.recommendation);
    assertEquals(
        "No outage in progress: go-eu-west-1 is Healthy, 580 of its 180,000 devices offline (normal churn), so holding costs nothing and a"
            + " failover has no outage to shorten. This failover disrupts 180,000 devices by moving them to go-eu-north-1 and back: each is"
            + " disconnected for the cutover (median 20 min) and then waits its turn to be admitted, about 8,896,544 device-minutes in all.",
        e.explanation);
    assertNull(e.reevaluateAt);
    assertNull(e.breakEvenSeconds);
    assertNull(e.turnsWith);
    assertNull(e.target);
    assertEquals(0L, e.options.get(0).devicesDisrupted, "holding disrupts nobody");
    assertEquals(0.0, e.options.get(0).deviceMinutesLost);
    assertEquals(180_000L, e.options.get(1).devicesDisrupted);
  }

  @Test
  void anOutageConditionThatIsTrueIsWeighedFromWhenItTurned() {
    RunEstimate e = estimate(west(120_000, "Outage", "True"));
    assertTrue(e.explanation.contains("60,000 devices are offline now"), e.explanation);
    assertTrue(!e.explanation.contains("No outage"), e.explanation);
    assertNotNull(e.reevaluateAt);
    assertNotNull(e.turnsWith);
  }

  /** Unknown: the signal is lost; nothing says the outage is over, so what is offline is weighed as before. */
  @Test
  void anUnknownOutageConditionIsNotTakenForHealth() {
    RunEstimate e = estimate(west(179_420, "Unknown", "Unknown"));
    assertTrue(!e.explanation.contains("No outage"), e.explanation);
    assertNotNull(e.reevaluateAt);
  }

  /** Files without conditions: status.health written by hand, else the counts judged as a Cluster's health is. */
  @Test
  void withoutConditionsTheHealthOrTheCountsDecide() {
    assertTrue(estimate(west(179_420, "Degraded", null)).explanation.startsWith(
        "No outage in progress: go-eu-west-1 is Degraded, 580 of its 180,000 devices offline (normal churn)"));
    assertTrue(estimate(west(120_000, "Outage", null)).explanation.contains("60,000 devices are offline now"));
    assertTrue(estimate(west(179_420, null, null)).explanation.startsWith("No outage in progress: go-eu-west-1 is Healthy by its counts"));
    assertTrue(estimate(west(120_000, null, null)).explanation.contains("60,000 devices are offline now"));
  }
}
