package io.failwise.operator;

import static io.failwise.operator.DetectionFixtures.awaitReadAt;
import static io.failwise.operator.DetectionFixtures.awaitStatus;
import static io.failwise.operator.DetectionFixtures.observer;
import static io.failwise.operator.DetectionFixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.Region;
import io.failwise.signals.prometheus.PrometheusServer;
import io.failwise.signals.prometheus.ReplayData;
import io.failwise.signals.replay.FleetSeriesGenerator;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import io.failwise.signals.replay.FleetSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller against a real Prometheus holding the generated week and the 12 March incident,
 * driven by the data's clock: the Cluster's Outage condition must come within a minute of the onset
 * and never during the normal week.
 */
@QuarkusTest
@TestProfile(ReplayProfile.class)
class PrometheusDetectionIT {
  static PrometheusServer prometheus;

  @Inject KubernetesClient client;
  @Inject Operator operator;
  @Inject ReplayClock clock;

  @BeforeAll
  static void startPrometheus() {
    prometheus = PrometheusServer.startWith(ReplayData.fleet());
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @BeforeEach
  void startOperator() {
    DetectionFixtures.startOperator(operator, client);
  }

  @Test
  void incidentTurnsOutageTrueWithinAMinuteOfOnsetAndTheRegionFollows() {
    Instant onset = FleetSeriesGenerator.INCIDENT_ONSET;
    Instant t = onset.minus(Duration.ofMinutes(10));
    clock.set(t);
    DetectionFixtures.cluster(client, "incident", ReplayData.INCIDENT_CLUSTER, null,
        observer("prom-a", prometheus.url(), ReplayData.INCIDENT_CLUSTER));
    Cluster c = awaitReadAt(client, "incident", ReplayData.INCIDENT_CLUSTER, t);
    assertEquals("True", status(c, "Ready"), () -> "rebuilt from a day of history, it should judge at once: " + c.getStatus().conditions);
    assertEquals("False", status(c, "Outage"));

    Instant detected = null;
    Cluster atDetection = null;
    for (t = onset.minus(Duration.ofMinutes(2)); !t.isAfter(onset.plus(Duration.ofMinutes(3))); t = t.plus(ReplayData.STEP)) {
      clock.set(t);
      Cluster now = awaitReadAt(client, "incident", ReplayData.INCIDENT_CLUSTER, t);
      if ("True".equals(status(now, "Outage"))) {
        detected = t;
        atDetection = now;
        break;
      }
      assertTrue(t.isAfter(onset) || t.equals(onset) || !"True".equals(status(now, "Degraded")), "alarm before the onset at " + t);
    }
    assertNotNull(detected, "no Outage within 3 minutes of the onset");
    long delay = Duration.between(onset, detected).toSeconds();
    assertTrue(delay <= 60, "Outage came " + delay + " s after the onset (data time)");
    var s = atDetection.getStatus();
    assertEquals("Outage", s.health);
    assertTrue(Duration.between(onset, Instant.parse(s.onsetTime)).abs().toSeconds() <= 30, "estimated onset " + s.onsetTime);
    assertEquals(java.util.List.of("prom-a"), s.agreeingObservers);
    assertTrue(s.excessOfflineDevices > 3_000, "excess " + s.excessOfflineDevices);
    String message = DetectionFixtures.condition(atDetection, "Outage").orElseThrow().getMessage();
    assertTrue(message.contains("devices went offline above normal churn since about " + s.onsetTime), message);
    // The errors query's rate over [1m] of the series Prometheus holds: four 15 s samples, 45 s apart
    // end to end, extrapolated to the minute, so the increase over those 45 s per 45 s.
    FleetSeries incident = ReplayData.fleet().stream().filter(f -> f.cluster().equals(ReplayData.INCIDENT_CLUSTER)).findFirst().orElseThrow();
    int at = incident.indexOf(detected);
    double expectedRate = (incident.connectionErrorsTotal()[at] - incident.connectionErrorsTotal()[at - 3]) / 45.0;
    assertTrue(expectedRate > 10, "the outage's devices keep retrying: " + expectedRate + " failed attempts a second in the series");
    Double errorsPerSecond = s.observers.get(0).errorsPerSecond;
    assertTrue(errorsPerSecond != null && Math.abs(errorsPerSecond - expectedRate) <= 0.2 * expectedRate,
        "errorsPerSecond " + errorsPerSecond + ", the series' rate " + expectedRate);

    await("region aggregates the outage", () -> {
      Region r = client.resources(Region.class).withName(DetectionFixtures.REGION).get();
      return r.getStatus() != null && "Outage".equals(r.getStatus().health);
    });

    // Recovery from 22:03, most devices back by 22:45: the Outage ends, once, after the hold.
    int outageEnds = 0;
    String previous = "True";
    for (t = FleetSeriesGenerator.RECOVERY_START; t.isBefore(FleetSeriesGenerator.RECOVERY_START.plus(Duration.ofMinutes(75))); t = t.plus(Duration.ofMinutes(1))) {
      clock.set(t);
      String outage = status(awaitReadAt(client, "incident", ReplayData.INCIDENT_CLUSTER, t), "Outage");
      if ("True".equals(previous) && "False".equals(outage)) {
        outageEnds++;
      }
      assertTrue(!"False".equals(previous) || !"True".equals(outage), "Outage flapped back on at " + t);
      previous = outage;
    }
    assertEquals(1, outageEnds, "the Outage should end once during the recovery");
    client.resources(Cluster.class).inNamespace("incident").delete();
  }

  @Test
  void normalWeekNeverTurnsOutageTrue() {
    // Steps of 15 minutes: every sample in between is still read (the controller catches up with a
    // range query), and an Outage that began and ended between two looks would be recorded in
    // status.pastOutages with an OutageBetweenReads Event, so none can hide.
    Instant t = FleetSeriesGenerator.WEEK_START.plus(Duration.ofMinutes(30));
    clock.set(t);
    DetectionFixtures.cluster(client, "week", ReplayData.QUIET_CLUSTER, null,
        observer("prom-a", prometheus.url(), ReplayData.QUIET_CLUSTER));
    int steps = 0;
    int degraded = 0;
    Cluster c = null;
    for (; t.isBefore(FleetSeriesGenerator.WEEK_END); t = t.plus(Duration.ofMinutes(15)), steps++) {
      clock.set(t);
      c = awaitReadAt(client, "week", ReplayData.QUIET_CLUSTER, t);
      assertNotEquals("True", status(c, "Outage"), "false Outage at " + t + ": " + DetectionFixtures.condition(c, "Outage"));
      degraded += "True".equals(status(c, "Degraded")) ? 1 : 0;
    }
    assertTrue(steps > 600, "the week was not replayed: " + steps + " steps");
    assertTrue(degraded > 0, "the week's dips should show as Degraded at least once");
    assertEquals(null, c.getStatus().pastOutages, "no outage between two looks either");
    assertEquals(
        List.of(),
        client.v1().events().inNamespace("week").list().getItems().stream()
            .map(e -> e.getReason())
            .filter(r -> r.startsWith("Outage"))
            .toList());
    client.resources(Cluster.class).inNamespace("week").delete();
  }

  private static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(20)).until(condition);
  }
}
