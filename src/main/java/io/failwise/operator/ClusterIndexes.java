package io.failwise.operator;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Informer indexes on Clusters, so that "which clusters are in this region" and "which clusters name
 * this one as a failover target" are lookups, not scans of the fleet on every event.
 */
public final class ClusterIndexes {
  /** Clusters by {@code spec.region}. */
  public static final String BY_REGION = "failwise.io/region";
  /** Clusters by each {@code namespace/name} in their {@code spec.failover.targets}. */
  public static final String BY_TARGET = "failwise.io/target";

  private ClusterIndexes() {}

  public static Map<String, Function<Cluster, List<String>>> all() {
    return Map.of(BY_REGION, ClusterIndexes::region, BY_TARGET, ClusterIndexes::targets);
  }

  /** The key of a cluster among the targets index. */
  public static String targetKey(String namespace, String name) {
    return Objects.toString(namespace, "") + "/" + name;
  }

  static List<String> region(Cluster c) {
    return c.getSpec() == null || c.getSpec().region == null ? List.of() : List.of(c.getSpec().region);
  }

  static List<String> targets(Cluster c) {
    FailoverSpec failover = c.getSpec() == null ? null : c.getSpec().failover;
    if (failover == null || failover.targets == null) {
      return List.of();
    }
    return failover.targets.stream()
        .filter(t -> t != null && t.cluster != null)
        .map(t -> targetKey(c.getMetadata().getNamespace(), t.cluster))
        .distinct()
        .toList();
  }
}
