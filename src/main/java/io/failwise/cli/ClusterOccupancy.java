package io.failwise.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.operator.run.ConfigMapSourceLedger;
import io.failwise.operator.run.SourceLedger.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RUN column of {@code failwise get clusters}: which run holds each cluster (as its source or its
 * target), or whose moves its device counts still settle from, as the controller's admission would
 * find it. A run waiting Pending names the cluster it waits for; this is the same fact seen from the
 * cluster. Read with two lists (the ledger's ConfigMaps and the FailoverRuns), not a call per cluster.
 */
final class ClusterOccupancy {
  private final Map<String, ConfigMap> ledger;
  private final Map<String, FailoverRun> runs;
  private final Duration settle;
  private final Instant now;

  private ClusterOccupancy(Map<String, ConfigMap> ledger, Map<String, FailoverRun> runs, Duration settle, Instant now) {
    this.ledger = ledger;
    this.runs = runs;
    this.settle = settle;
    this.now = now;
  }

  /** Nothing known: every cluster shows "?". */
  static final ClusterOccupancy UNKNOWN = new ClusterOccupancy(null, Map.of(), Duration.ZERO, Instant.EPOCH);

  /**
   * The ledger and the runs of {@code namespace} (every namespace when null). A ledger the user may not
   * read leaves the column unknown, said once on {@code err}, and the clusters are listed all the same.
   */
  static ClusterOccupancy read(
      KubernetesClient client, String controlNamespace, String namespace, Duration settle, Instant now, java.io.PrintWriter err) {
    Map<String, ConfigMap> entries;
    try {
      entries = ConfigMapSourceLedger.entries(client, controlNamespace);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403 && e.getCode() != 401) {
        throw e;
      }
      err.println("failwise get: cannot list the run ledger's ConfigMaps in namespace " + controlNamespace + " (HTTP " + e.getCode()
          + "): the RUN column shows ? (needs list on configmaps there, as the controller has)");
      err.flush();
      return UNKNOWN;
    }
    var op = client.resources(FailoverRun.class);
    List<FailoverRun> listed = namespace == null ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list().getItems();
    Map<String, FailoverRun> runs = new HashMap<>();
    listed.forEach(r -> runs.put(key(r.getMetadata().getNamespace(), r.getMetadata().getName()), r));
    return new ClusterOccupancy(entries, runs, settle, now);
  }

  /** "drill-q4 (source)", "drill-q4 (target)", "settles 4 min (after drill-q4)", or "" when nothing keeps runs off. */
  String of(Cluster c) {
    if (ledger == null) {
      return "?";
    }
    String ns = c.getMetadata().getNamespace();
    ConfigMap cm = ledger.get(ConfigMapSourceLedger.name(ns, c.getMetadata().getName()));
    if (cm == null) {
      return "";
    }
    Optional<Claim> claim = ConfigMapSourceLedger.occupant(cm, name -> runs.get(key(ns, name)), settle, now);
    return claim.map(k -> k.occupancy(now)).orElse("");
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
