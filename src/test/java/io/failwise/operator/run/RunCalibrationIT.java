package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterCalibration;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Drill;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.operator.status.EventRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A finished drill calibrates its source: the real controller runs it on the API server, the source
 * Cluster's status.calibration records what its waves measured, and the next estimate made for that
 * cluster (a Plan run's) uses it and says so.
 */
@QuarkusTest
@TestProfile(RunsProfile.class)
class RunCalibrationIT extends RunsOnTestServer {
  @Inject KubernetesClient client;
  @Inject EventRecorder events;

  @Test
  void aFinishedDrillWritesStatusCalibrationAndTheNextEstimateCitesIt() throws Exception {
    world.startController(new RunEvents(events, new RunCalibration(client)));
    Drill drill = new Drill();
    drill.maxPercent = 5;
    drill.holdSeconds = 600L;
    FailoverRun drilled =
        world.driveToEnd(world.create("drill-calibrate", "quarterly-drill", "go-eu-west-1", Mode.Drill, drill).getMetadata().getName(), r -> false);
    assertEquals("Succeeded", drilled.getStatus().phase, drilled.getStatus().message);
    var shift = drilled.getStatus().steps.stream().filter(s -> "Shift".equals(s.kind)).findFirst().orElseThrow();
    assertEquals(shift.wavesAppliedAt.size(), shift.wavesArrivedAt.size(), "every wave was seen arriving at the target");

    ClusterCalibration c = client.resources(Cluster.class).inNamespace(RunsFixture.NS).withName("go-eu-west-1").get().getStatus().calibration;
    assertNotNull(c, "status.calibration after the drill");
    assertEquals(1, c.runs);
    assertEquals(drilled.getStatus().finishedAt, c.at);
    assertEquals("drill-calibrate", c.measurements.get(0).run);
    assertEquals("Drill", c.measurements.get(0).mode);
    assertNotNull(c.cutoverSeconds);

    FailoverRun plan =
        world.driveToEnd(world.create("plan-after-drill", "quarterly-drill", "go-eu-west-1", Mode.Plan, null).getMetadata().getName(), r -> false);
    String explanation = plan.getStatus().estimate.explanation;
    // Said as the explanation says its times (the controller's zone; UTC here), not the status's RFC 3339.
    assertTrue(explanation.contains("as measured by 1 drill, the last at " + io.failwise.model.Format.timeToTheSecond(
        java.time.Instant.parse(c.at), java.time.Instant.parse(plan.getStatus().estimate.madeAt), java.time.ZoneOffset.UTC)), explanation);
  }
}
