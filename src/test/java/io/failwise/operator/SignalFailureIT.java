package io.failwise.operator;

import static io.failwise.operator.DetectionFixtures.awaitReadAt;
import static io.failwise.operator.DetectionFixtures.awaitStatus;
import static io.failwise.operator.DetectionFixtures.observer;
import static io.failwise.operator.DetectionFixtures.reason;
import static io.failwise.operator.DetectionFixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.ObserverStatus;
import io.failwise.signals.prometheus.FakePrometheus;
import io.failwise.signals.prometheus.PrometheusServer;
import io.failwise.signals.prometheus.ReplayData;
import io.failwise.signals.replay.FleetSeriesGenerator;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prometheus down, slow, answering garbage, or only old data: the Cluster says its signal is
 * unknown and why, never healthy; nothing crashes; it recovers when Prometheus comes back. And two
 * observers that disagree: the quorum decides, the disagreement is in status.
 */
@QuarkusTest
@TestProfile(ReplayProfile.class)
class SignalFailureIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  static PrometheusServer prometheus;
  static FakePrometheus fake;

  @Inject KubernetesClient client;
  @Inject Operator operator;
  @Inject ReplayClock clock;

  @BeforeAll
  static void startServers() {
    prometheus = PrometheusServer.startWith(ReplayData.fleet());
    fake = new FakePrometheus().upstream(prometheus.url());
  }

  @AfterAll
  static void stopServers() {
    if (fake != null) {
      fake.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @BeforeEach
  void startOperator() {
    DetectionFixtures.startOperator(operator, client);
    clock.set(FleetSeriesGenerator.INCIDENT_ONSET.minus(Duration.ofHours(1)));
  }

  @Test
  void garbageSlownessAndOverloadMakeTheSignalUnknownUntilPrometheusAnswersAgain() {
    String ns = "flaky";
    fake.mode(FakePrometheus.Mode.GARBAGE);
    DetectionFixtures.cluster(client, ns, "c", null, observer("flaky", fake.url(), ReplayData.QUIET_CLUSTER));

    Cluster c = awaitStatus(client, ns, "c", WAIT, x -> "BadResponse".equals(reason(x, "Ready")));
    assertUnknown(c, "BadResponse", "not JSON");

    fake.mode(FakePrometheus.Mode.SLOW);
    c = awaitStatus(client, ns, "c", WAIT, x -> "Unreachable".equals(reason(x, "Ready")));
    assertUnknown(c, "Unreachable", "");

    fake.mode(FakePrometheus.Mode.OVERLOADED);
    c = awaitStatus(client, ns, "c", WAIT, x -> "BadResponse".equals(reason(x, "Ready")));
    assertUnknown(c, "BadResponse", "too many queries");

    fake.mode(FakePrometheus.Mode.PASS_THROUGH);
    c = awaitStatus(client, ns, "c", WAIT, x -> "True".equals(status(x, "Ready")));
    assertEquals("Healthy", c.getStatus().health);
    assertEquals("Known", c.getStatus().observers.get(0).state);
    assertEquals("False", status(c, "Outage"));
    client.resources(Cluster.class).inNamespace(ns).delete();
  }

  @Test
  void prometheusDownIsUnreachableAndStaleDataIsNotHealthy() {
    String ns = "down";
    Instant t = FleetSeriesGenerator.INCIDENT_ONSET.minus(Duration.ofHours(1));
    DetectionFixtures.cluster(client, ns, "c", null, observer("prom-a", prometheus.url(), ReplayData.QUIET_CLUSTER));
    assertEquals("True", status(awaitReadAt(client, ns, "c", t), "Ready"));

    prometheus.stop();
    try {
      clock.set(t = t.plus(ReplayData.STEP));
      Cluster c = awaitStatus(client, ns, "c", WAIT, x -> "Unreachable".equals(reason(x, "Ready")));
      assertUnknown(c, "Unreachable", "cannot reach");
      assertTrue(c.getStatus().observers.get(0).lastReadTime != null, "the last good read stays visible");
    } finally {
      prometheus.restart();
    }
    clock.set(t = t.plus(ReplayData.STEP));
    Cluster back = awaitStatus(client, ns, "c", WAIT, x -> "True".equals(status(x, "Ready")));
    assertEquals("Healthy", back.getStatus().health);

    // The generated data ends at 02:00; ten minutes later Prometheus has nothing fresh to give: the
    // series of a cluster that was judged Healthy vanished, which is news, not mere staleness.
    clock.set(FleetSeriesGenerator.END.plus(Duration.ofMinutes(10)));
    Cluster lost = awaitStatus(client, ns, "c", WAIT, x -> "SignalLost".equals(reason(x, "Ready")));
    assertUnknown(lost, "SignalLost", "the series stopped");
    client.resources(Cluster.class).inNamespace(ns).delete();
  }

  @Test
  void aQueryWithoutDataOrThatDoesNotParseIsUnknownAndSaysWhy() {
    var nothing = observer("prom-a", prometheus.url(), "no-such-cluster");
    nothing.expectedQuery = null;
    DetectionFixtures.cluster(client, "empty", "c", null, nothing);
    Cluster empty = awaitStatus(client, "empty", "c", WAIT, x -> "EmptyResult".equals(reason(x, "Ready")));
    assertUnknown(empty, "EmptyResult", "connectedQuery returned no data in the last 26 h");

    var broken = observer("prom-a", prometheus.url(), ReplayData.QUIET_CLUSTER);
    broken.connectedQuery = "sum(fleet_devices_connected{";
    DetectionFixtures.cluster(client, "badquery", "c", null, broken);
    Cluster bad = awaitStatus(client, "badquery", "c", WAIT, x -> "BadResponse".equals(reason(x, "Ready")));
    assertUnknown(bad, "BadResponse", "HTTP 400, bad_data");
    client.resources(Cluster.class).inNamespace("empty").delete();
    client.resources(Cluster.class).inNamespace("badquery").delete();
  }

  @Test
  void outageNeedsTheQuorumAndADisagreementIsVisible() {
    Instant afterOnset = ReplayData.align(FleetSeriesGenerator.INCIDENT_ONSET.plus(Duration.ofMinutes(2)));
    fake.mode(FakePrometheus.Mode.GARBAGE);
    clock.set(afterOnset);
    DetectionFixtures.cluster(client, "quorum2", "c", 2,
        observer("prom-a", prometheus.url(), ReplayData.INCIDENT_CLUSTER),
        observer("prom-b", fake.url(), ReplayData.INCIDENT_CLUSTER));
    DetectionFixtures.cluster(client, "quorum1", "c", 1,
        observer("prom-a", prometheus.url(), ReplayData.INCIDENT_CLUSTER),
        observer("prom-b", fake.url(), ReplayData.INCIDENT_CLUSTER));

    Cluster two = awaitStatus(client, "quorum2", "c", WAIT, x -> x.getStatus().observers != null
        && "DevicesDropping".equals(x.getStatus().observers.get(0).reason) && "BadResponse".equals(x.getStatus().observers.get(1).reason));
    assertEquals("Unknown", status(two, "Outage"), "one of two observers cannot make a quorum of 2");
    String message = DetectionFixtures.condition(two, "Outage").orElseThrow().getMessage();
    assertTrue(message.contains("1 of 2 observers say Outage and 2 must agree"), message);
    assertEquals("Outage", two.getStatus().observers.get(0).health);
    assertEquals("Unknown", two.getStatus().observers.get(1).health);

    Cluster one = awaitStatus(client, "quorum1", "c", WAIT, x -> "True".equals(status(x, "Outage")));
    assertEquals(List.of("prom-a"), one.getStatus().agreeingObservers);
    assertEquals("Unknown", one.getStatus().observers.get(1).state);

    // Both read the same data once prom-b answers: they agree, and the quorum of 2 is reached.
    fake.mode(FakePrometheus.Mode.PASS_THROUGH);
    clock.set(afterOnset.plus(ReplayData.STEP));
    Cluster agreed = awaitStatus(client, "quorum2", "c", WAIT, x -> "True".equals(status(x, "Outage")));
    assertEquals(List.of("prom-a", "prom-b"), agreed.getStatus().agreeingObservers);
    client.resources(Cluster.class).inNamespace("quorum2").delete();
    client.resources(Cluster.class).inNamespace("quorum1").delete();
  }

  /**
   * Prometheus answered nothing usable from before the 12 March onset until after the devices were back.
   * When it answers again, the observer reads every sample of the gap: the outage it saw begin and end
   * there is recorded, and an Event says so, though no condition ever showed it.
   */
  @Test
  void anOutageThatBeganAndEndedWhilePrometheusCouldNotBeReadIsRecordedAndTold() {
    String ns = "gap";
    Instant before = FleetSeriesGenerator.INCIDENT_ONSET.minus(Duration.ofHours(1));
    fake.mode(FakePrometheus.Mode.PASS_THROUGH);
    DetectionFixtures.cluster(client, ns, "c", null, observer("prom-b", fake.url(), ReplayData.INCIDENT_CLUSTER));
    Cluster healthy = awaitReadAt(client, ns, "c", before);
    assertEquals("Healthy", healthy.getStatus().health);
    assertEquals(null, healthy.getStatus().pastOutages);

    fake.mode(FakePrometheus.Mode.GARBAGE);
    clock.set(FleetSeriesGenerator.END.minus(Duration.ofMinutes(30)));
    awaitStatus(client, ns, "c", WAIT, x -> "BadResponse".equals(reason(x, "Ready")));
    fake.mode(FakePrometheus.Mode.PASS_THROUGH);
    Cluster back = awaitStatus(client, ns, "c", WAIT, x -> "True".equals(status(x, "Ready")));

    assertEquals("False", status(back, "Outage"), "over (some devices are still offline: Degraded)");
    assertEquals(1, back.getStatus().pastOutages.size(), String.valueOf(back.getStatus().pastOutages));
    Instant start = Instant.parse(back.getStatus().pastOutages.get(0).start);
    Instant end = Instant.parse(back.getStatus().pastOutages.get(0).end);
    assertTrue(Duration.between(FleetSeriesGenerator.INCIDENT_ONSET, start).abs().compareTo(Duration.ofMinutes(3)) <= 0, "began " + start);
    // The devices come back gradually from 22:03 (21:03Z); the outage is over once the loss stays under
    // half the Outage floor, about half an hour later.
    assertTrue(end.isAfter(FleetSeriesGenerator.RECOVERY_START) && end.isBefore(FleetSeriesGenerator.RECOVERY_START.plus(Duration.ofMinutes(45))), "ended " + end);
    // Events are written on a thread of their own, after the status: waited for, not read at once.
    java.util.concurrent.Callable<List<io.fabric8.kubernetes.api.model.Event>> between =
        () -> client.v1().events().inNamespace(ns).list().getItems().stream()
            .filter(e -> OutageEvents.OUTAGE_BETWEEN_READS.equals(e.getReason()))
            .toList();
    var told = org.awaitility.Awaitility.await("the OutageBetweenReads Event").atMost(WAIT).until(between, l -> !l.isEmpty());
    assertEquals(1, told.size());
    assertEquals("Warning", told.get(0).getType());
    assertTrue(told.get(0).getMessage().startsWith("An outage from " + start + " to "), told.get(0).getMessage());
    client.resources(Cluster.class).inNamespace(ns).delete();
  }

  private static void assertUnknown(Cluster c, String reason, String inMessage) {
    var s = c.getStatus();
    assertEquals("False", status(c, "Ready"));
    assertEquals("Unknown", status(c, "Outage"), "an unreadable signal must not say there is no outage");
    assertEquals("Unknown", status(c, "Degraded"));
    assertEquals("Unknown", s.health);
    ObserverStatus o = s.observers.get(0);
    assertEquals("Unknown", o.state);
    assertEquals(reason, o.reason);
    assertTrue(o.message.contains(inMessage), o.message);
    String ready = DetectionFixtures.condition(c, "Ready").orElseThrow().getMessage();
    assertTrue(ready.startsWith("The signal is unknown"), ready);
  }
}
