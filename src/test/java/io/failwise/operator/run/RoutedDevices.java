package io.failwise.operator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.execution.WebhookServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices of the run integration tests' sample clusters, as the runs move them: each cluster's
 * static signal is written from its counts at {@link #reset()}, plus what the routing ConfigMap and the
 * provisioning API moved to it, less what a test says is lost; gateways become ready as a kubelet would
 * make them. Part of {@link RunsFixture}.
 */
final class RoutedDevices {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SOURCES = List.of("go-eu-west-1", "go-eu-west-2");
  private static final List<String> TARGETS = List.of("go-eu-north-1", "go-eu-north-2");

  private final KubernetesClient client;
  private final String namespace;
  private final String routing;
  private final WebhookServer provisioning;
  /** Devices lost at a cluster whatever the routing: a test's way of hurting a target. */
  final Map<String, Long> lost = new HashMap<>();
  /** Each cluster's expected and connected devices before any run moved some. */
  private final Map<String, long[]> base = new HashMap<>();
  /** What was last written to each cluster's static signal. */
  private final Map<String, Long> simulated = new HashMap<>();

  RoutedDevices(KubernetesClient client, String namespace, String routing, WebhookServer provisioning) {
    this.client = client;
    this.namespace = namespace;
    this.routing = routing;
    this.provisioning = provisioning;
  }

  /** The clusters' counts as they are on the API server now are what no run moved; nothing is lost. */
  void reset() {
    base.clear();
    for (Cluster c : client.resources(Cluster.class).inNamespace(namespace).list().getItems()) {
      var st = c.getSpec().signals.staticSignal;
      base.put(c.getMetadata().getName(), new long[] {st.expected, st.connected});
    }
    lost.clear();
    simulated.clear();
  }

  /** A cluster's connected devices from now on, written to its static signal at once. */
  void setConnected(String cluster, long connected) {
    if (base.get(cluster)[1] == connected) {
      return;
    }
    base.get(cluster)[1] = connected;
    simulated.remove(cluster);
    simulate();
  }

  /**
   * Devices follow the routing (and the provisioning API): each target's counts grow by the devices
   * moved to it, less those the test says are lost; gateways become ready like a kubelet would make
   * them. True when it changed something.
   */
  boolean simulate() {
    boolean changed = false;
    for (String target : TARGETS) {
      long arrived = arrivals(target);
      long connected = base.get(target)[1] + arrived - lost.getOrDefault(target, 0L);
      if (!Long.valueOf(connected).equals(simulated.get(target)) || !simulated.containsKey(target + "/expected")
          || simulated.get(target + "/expected") != base.get(target)[0] + arrived) {
        long expected = base.get(target)[0] + arrived;
        client.resources(Cluster.class).inNamespace(namespace).withName(target).edit(c -> {
          c.getSpec().signals.staticSignal.expected = expected;
          c.getSpec().signals.staticSignal.connected = Math.max(0, Math.min(expected, connected));
          return c;
        });
        simulated.put(target, connected);
        simulated.put(target + "/expected", expected);
        changed = true;
      }
    }
    for (String source : SOURCES) {
      long connected = base.get(source)[1];
      if (!Long.valueOf(connected).equals(simulated.get(source))) {
        client.resources(Cluster.class).inNamespace(namespace).withName(source).edit(c -> {
          c.getSpec().signals.staticSignal.connected = connected;
          return c;
        });
        simulated.put(source, connected);
        changed = true;
      }
    }
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      Integer want = d.getSpec().getReplicas();
      if (d.getStatus() == null || !want.equals(d.getStatus().getReadyReplicas())) {
        d.getStatus().setReadyReplicas(want);
        d.getStatus().setReplicas(want);
        client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
        changed = true;
      }
    }
    return changed;
  }

  private long arrivals(String cluster) {
    long moved = 0;
    Map<String, String> data = client.configMaps().inNamespace(namespace).withName(routing).get().getData();
    for (String source : SOURCES) {
      if (cluster.equals(data.get(source + ".target")) && data.containsKey(source + ".percent")) {
        moved += base.get(source)[0] * Long.parseLong(data.get(source + ".percent")) / 100;
      }
    }
    return moved + provisioned(cluster, provisioning.effects());
  }

  /**
   * Devices the provisioning service moved to {@code cluster} (or from it) by the calls it took: each
   * reassignment moves the offline devices it names, an undo moves a share of them back or all.
   */
  static long provisioned(String cluster, List<WebhookServer.Request> effects) {
    long provisioned = 0;
    for (WebhookServer.Request r : effects) {
      JsonNode body;
      try {
        body = JSON.readTree(r.body());
      } catch (java.io.IOException e) {
        continue; // not a call this simulation knows
      }
      if (!cluster.equals(body.path("to").asText()) && !cluster.equals(body.path("from").asText())) {
        continue;
      }
      if (body.path("select").asText().equals("offline")) {
        provisioned += body.path("devices").asLong();
      } else if (body.has("percent")) {
        provisioned = provisioned * (100 - body.path("percent").asLong()) / 100;
      } else {
        provisioned = 0;
      }
    }
    return provisioned;
  }
}
