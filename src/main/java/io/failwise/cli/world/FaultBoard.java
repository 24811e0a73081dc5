package io.failwise.cli.world;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.sim.ClusterCounts;
import io.failwise.sim.FleetSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The living world's side of {@code failwise sim}: reads the {@value FaultRequest#CONFIG_MAP}
 * ConfigMap, applies each new request to the fleet once, and answers under {@code CLUSTER.applied}
 * so the command can say what happened. A request for an unknown cluster or a garbled entry is
 * answered with an error there; the world carries on.
 */
final class FaultBoard {
  private final KubernetesClient client;
  private final String namespace;
  private final FleetSimulator fleet;
  private final Timeline timeline;
  /** Per cluster, the id of the request in force (what a scheduled end checks before it acts). */
  private final Map<String, String> current = new HashMap<>();

  FaultBoard(KubernetesClient client, String namespace, FleetSimulator fleet, Timeline timeline) {
    this.client = client;
    this.namespace = namespace;
    this.fleet = fleet;
    this.timeline = timeline;
  }

  void look() {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(FaultRequest.CONFIG_MAP).get();
    if (cm == null || cm.getData() == null) {
      return;
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : cm.getData().entrySet()) {
      String cluster = e.getKey();
      if (cluster.endsWith(FaultRequest.APPLIED_SUFFIX)) {
        continue;
      }
      String answered = cm.getData().get(cluster + FaultRequest.APPLIED_SUFFIX);
      FaultRequest request;
      try {
        request = FaultRequest.fromJson(e.getValue());
      } catch (IllegalArgumentException bad) {
        String answer = "error: ConfigMap " + namespace + "/" + FaultRequest.CONFIG_MAP + ", key " + cluster + ": " + bad.getMessage();
        if (!answer.equals(answered)) {
          answers.put(cluster + FaultRequest.APPLIED_SUFFIX, answer);
        }
        continue;
      }
      if (answered != null && answered.contains(request.id())) {
        continue;
      }
      answers.put(cluster + FaultRequest.APPLIED_SUFFIX, apply(cluster, request));
    }
    if (!answers.isEmpty()) {
      client.configMaps().inNamespace(namespace).withName(FaultRequest.CONFIG_MAP)
          .edit(c -> {
            c.getData().putAll(answers);
            return c;
          });
    }
  }

  /** Applies one request; returns the answer: "REQUEST-ID: what happened". */
  private String apply(String cluster, FaultRequest r) {
    if (!fleet.knows(cluster)) {
      return r.id() + ": error: the living world has no cluster " + cluster + "; it has " + String.join(", ", fleet.clusterNames());
    }
    if (!r.recover() && r.offlineDevices() != null && r.offlineDevices() > fleet.counts(cluster).map(ClusterCounts::expected).orElse(0L)) {
      // Refused, not applied as 100%: the answer printed "999,999 devices offline ... applied" on a cluster of 60,000.
      return r.id() + ": error: --offline " + io.failwise.model.Format.count(r.offlineDevices()) + " is more than the "
          + io.failwise.model.Format.count(fleet.counts(cluster).map(ClusterCounts::expected).orElse(0L)) + " devices " + cluster
          + " has; give at most that many, a share such as 40%, or leave --offline out for all of them";
    }
    Instant now = fleet.now();
    if (r.recover() && !fleet.faulted(cluster)) {
      // Said "recovered" before, as if an outage had ended; kubectl's "unchanged" is the model.
      return r.id() + ": no outage in force, nothing changed at " + now;
    }
    current.put(cluster, r.id());
    if (r.recover()) {
      fleet.recover(cluster);
      timeline.sim(now, cluster + ": the outage ends; waiting devices come back on their own backoff.");
      return r.id() + ": recovered at " + now;
    }
    long devices = fleet.counts(cluster).map(ClusterCounts::expected).orElse(0L);
    double fraction = r.offlineFraction(devices);
    fleet.recover(cluster);
    if (fraction >= 1.0 && !r.intermittent()) {
      fleet.hardOutage(cluster);
    } else if (r.intermittent()) {
      fleet.intermittentOutage(cluster, fraction);
    } else {
      fleet.reduceCapacity(cluster, Math.round(devices * (1 - fraction)));
    }
    String until = "";
    if (r.forSeconds() != null) {
      Instant end = now.plus(Duration.ofSeconds(r.forSeconds()));
      until = " until " + end;
      fleet.at(end, s -> {
        if (r.id().equals(current.get(cluster))) {
          s.recover(cluster);
          timeline.sim(end, cluster + ": the outage ends as asked; waiting devices come back on their own backoff.");
        }
      });
    }
    timeline.sim(now, cluster + ": outage injected, " + r.describe() + ".");
    return r.id() + ": applied at " + now + until;
  }
}
