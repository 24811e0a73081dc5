package io.failwise.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverRun;
import io.failwise.api.Fixtures;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.run.ConfigMapSourceLedger;
import io.failwise.operator.run.ControlState;
import io.failwise.testing.ApiWorld;
import io.failwise.testing.TestOperator;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * The world the console's ITs read: the controller on the test API server, the 12 March outage of
 * go-eu-west-1 with a Shadow policy deciding on it, a finished drill and the ledger keeping runs off
 * go-eu-north-1 while its counts settle; and the helpers the tests read it with.
 */
abstract class ConsoleWorld {
  static final String NS = "console";
  static final Duration SETTLES_FOR = Duration.ofHours(2);
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject KubernetesClient client;
  @Inject Operator operator;
  @Inject FailwiseConfig config;
  @Inject Clock clock;
  @Inject ControlState control;
  @Inject io.failwise.operator.run.HaltSwitch halt;

  @TestHTTPResource("/")
  URL base;

  @BeforeEach
  void world() throws Exception {
    TestOperator.ensureStarted(operator);
    if (client.namespaces().withName(NS).get() != null) {
      return;
    }
    // 12 March 2026: 50,000 chargers intermittently offline, so 25,000 offline at any moment.
    Cluster west = Fixtures.cluster(NS, "go-eu-west-1", "eu-west", 180_000, 155_000, "go-eu-north-1");
    west.getSpec().failover.cutoverSeconds = 1200L;
    Cluster north = Fixtures.cluster(NS, "go-eu-north-1", "eu-north", 90_000, 90_000);
    north.getSpec().capacity.devices = 300_000L;
    FailoverPolicy policy = shadowPolicy(NS, "eu-shadow");
    FailoverPolicySpec spec = policy.getSpec();
    spec.durationPrior = new FailoverPolicySpec.DurationPriorSpec();
    spec.durationPrior.medianMinutes = 90.0;
    spec.durationPrior.p90Minutes = 360.0;
    // A drill as the controller records it once finished (its playbook is not needed to show it).
    try (InputStream in = getClass().getResourceAsStream("/console/drill-run.yaml")) {
      FailoverRun drill = client.getKubernetesSerialization().unmarshal(in, FailoverRun.class);
      ApiWorld.on(client).namespace(NS).regions("eu-west", "eu-north").apply(north, west, policy).recordedRun(drill);
    }
    // The drill moved devices into go-eu-north-1: the controller's ledger keeps runs off it while its
    // counts settle, as admission and `failwise get clusters` read it.
    FailoverRun recorded = client.resources(FailoverRun.class).inNamespace(NS).withName("drill-go-eu-west-1").get();
    client.configMaps().inNamespace(config.runs().controlNamespace()).resource(new ConfigMapBuilder()
            .withNewMetadata()
            .withName(ConfigMapSourceLedger.name(NS, "go-eu-north-1"))
            .addToLabels("app.kubernetes.io/managed-by", "failwise")
            .endMetadata()
            .addToData("settlesAfter", "drill-go-eu-west-1")
            .addToData("settlesAfterUid", recorded.getMetadata().getUid())
            .addToData("settlesUntil", clock.instant().plus(SETTLES_FOR).toString())
            .build())
        .create();
    // The console reads the controller's watch of the ledger: wait until the watch has it.
    await().atMost(Duration.ofSeconds(30)).until(() -> control
        .occupant(NS, "go-eu-north-1", run -> recorded, config.runs().settle(), clock.instant())
        .isPresent());
  }

  /** A Shadow policy on go-eu-west-1 that decides at the first look at its outage. */
  static FailoverPolicy shadowPolicy(String ns, String name) {
    FailoverPolicy policy = new FailoverPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    policy.setSpec(new FailoverPolicySpec());
    policy.getSpec().selector = new FailoverPolicySpec.Selector();
    policy.getSpec().selector.clusters = new ArrayList<>(List.of("go-eu-west-1"));
    policy.getSpec().trigger.outageForSeconds = 0L;
    return policy;
  }

  Decision decision() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      FailoverPolicy p = client.resources(FailoverPolicy.class).inNamespace(NS).withName("eu-shadow").get();
      assertTrue(p.getStatus() != null && !p.getStatus().decisions.isEmpty(), "the policy has decided");
    });
    return client.resources(FailoverPolicy.class).inNamespace(NS).withName("eu-shadow").get().getStatus().decisions.get(0);
  }

  void awaitRunRecorded() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      FailoverRun r = client.resources(FailoverRun.class).inNamespace(NS).withName("drill-go-eu-west-1").get();
      assertEquals("Succeeded", r.getStatus() == null ? null : r.getStatus().phase);
    });
  }

  JsonNode get(HttpClient http, String path, int status) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), path + ": " + r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
    return JSON.readTree(r.body());
  }
}
