package io.failwise.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterSpec;
import io.failwise.api.Region;
import io.failwise.api.RegionSpec;
import io.failwise.api.SignalsSpec;
import io.failwise.operator.status.Conditions;
import io.failwise.signals.replay.OpenMetricsWriter;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Regions, clusters with Prometheus observers, and waits on what the controller writes. */
final class DetectionFixtures {
  static final String REGION = "eu-west";

  private DetectionFixtures() {}

  static void startOperator(Operator operator, KubernetesClient client) {
    if (!operator.getRuntimeInfo().isStarted()) {
      operator.start();
    }
    if (client.resources(Region.class).withName(REGION).get() == null) {
      Region r = new Region();
      r.setMetadata(new ObjectMetaBuilder().withName(REGION).build());
      r.setSpec(new RegionSpec());
      r.getSpec().provider = "azure";
      client.resource(r).create();
    }
  }

  static void namespace(KubernetesClient client, String ns) {
    if (client.namespaces().withName(ns).get() == null) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
  }

  static SignalsSpec.PrometheusObserver observer(String name, String url, String cluster) {
    SignalsSpec.PrometheusObserver o =
        new SignalsSpec.PrometheusObserver(
            name, url, OpenMetricsWriter.connectedQuery(cluster), OpenMetricsWriter.expectedQuery(cluster));
    o.errorsQuery = OpenMetricsWriter.errorsQuery(cluster);
    return o;
  }

  static Cluster cluster(KubernetesClient client, String ns, String name, Integer quorum, SignalsSpec.PrometheusObserver... observers) {
    namespace(client, ns);
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    ClusterSpec spec = new ClusterSpec();
    spec.region = REGION;
    spec.capacity = new ClusterSpec.Capacity();
    spec.capacity.devices = 250_000L;
    spec.admission = new ClusterSpec.Admission();
    spec.admission.devicesPerSecond = 960.0;
    spec.signals = new SignalsSpec();
    spec.signals.prometheus = List.of(observers);
    spec.signals.quorum = quorum;
    c.setSpec(spec);
    return client.resource(c).create();
  }

  static Cluster get(KubernetesClient client, String ns, String name) {
    return client.resources(Cluster.class).inNamespace(ns).withName(name).get();
  }

  /** Waits until the controller has written a status that satisfies {@code test}, and returns it. */
  static Cluster awaitStatus(KubernetesClient client, String ns, String name, Duration wait, Predicate<Cluster> test) {
    Cluster[] seen = new Cluster[1];
    try {
      await()
          .atMost(wait)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(5))
          .until(
              () -> {
                Cluster c = get(client, ns, name);
                seen[0] = c;
                return c != null && c.getStatus() != null && test.test(c);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          ns + "/" + name + " never reached the expected status within " + wait.toSeconds() + " s; last status: "
              + (seen[0] == null ? "none" : io.fabric8.kubernetes.client.utils.Serialization.asJson(seen[0].getStatus())));
    }
    return seen[0];
  }

  /** The status once every observer has read data up to {@code due}. */
  static Cluster awaitReadAt(KubernetesClient client, String ns, String name, Instant due) {
    // Status moves only when what it shows changes (no heartbeat): wait until the controller has
    // read every observer up to `due` and the status in the API server is what that read implies.
    ClusterReconciler reconciler = io.quarkus.arc.Arc.container().instance(ClusterReconciler.class).get();
    return awaitStatus(client, ns, name, Duration.ofSeconds(20), c -> reconciler.shows(c, due));
  }

  static Optional<Condition> condition(Cluster c, String type) {
    return Conditions.find(c.getStatus().conditions, type);
  }

  static String status(Cluster c, String type) {
    return condition(c, type).map(Condition::getStatus).orElse(null);
  }

  static String reason(Cluster c, String type) {
    return condition(c, type).map(Condition::getReason).orElse(null);
  }
}
