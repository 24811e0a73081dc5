package io.failwise.cli.world;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the kubelet and the workload controllers would do on a real cluster, for the embedded one:
 * a Deployment or StatefulSet scaled to N replicas reports N ready after {@link #START_UP} of
 * simulated time, so the playbooks' {@code scale} steps (scale the target's gateway, wait until it
 * is ready) run as they would in production.
 */
final class Workloads {
  /** How long a new gateway replica takes to become ready. */
  static final Duration START_UP = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final String namespace;
  /** Per workload and wanted replica count: when this world first saw it wanted. */
  private final Map<String, Wanted> wanted = new HashMap<>();

  private record Wanted(int replicas, Instant since) {}

  Workloads(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  void look(Instant now) {
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
      if (due("Deployment/" + d.getMetadata().getName(), want, s.getReadyReplicas(), now)) {
        s.setReplicas(want);
        s.setReadyReplicas(want);
        s.setAvailableReplicas(want);
        s.setUpdatedReplicas(want);
        s.setObservedGeneration(d.getMetadata().getGeneration());
        d.setStatus(s);
        unlessChanged(() -> client.apps().deployments().inNamespace(namespace).resource(d).updateStatus());
      }
    }
    for (StatefulSet d : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      StatefulSetStatus s = d.getStatus() == null ? new StatefulSetStatus() : d.getStatus();
      if (due("StatefulSet/" + d.getMetadata().getName(), want, s.getReadyReplicas(), now)) {
        s.setReplicas(want);
        s.setReadyReplicas(want);
        s.setAvailableReplicas(want);
        s.setUpdatedReplicas(want);
        s.setObservedGeneration(d.getMetadata().getGeneration());
        d.setStatus(s);
        unlessChanged(() -> client.apps().statefulSets().inNamespace(namespace).resource(d).updateStatus());
      }
    }
  }

  /**
   * Writes a status read at this look; if someone changed the workload since (409 Conflict), the next
   * look, half a second on, reads it again.
   */
  private static void unlessChanged(Runnable write) {
    try {
      write.run();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** Whether the workload has wanted {@code want} replicas for {@link #START_UP} without having them. */
  private boolean due(String key, int want, Integer ready, Instant now) {
    if (Objects.equals(ready, want)) {
      wanted.remove(key);
      return false;
    }
    Wanted w = wanted.get(key);
    if (w == null || w.replicas() != want) {
      w = new Wanted(want, now);
      wanted.put(key, w);
    }
    return !now.isBefore(w.since().plus(START_UP));
  }
}
