package io.failwise.operator.policy;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import java.util.Map;
import java.util.Objects;

/**
 * Which clusters a policy watches: those named, and those whose labels include every matchLabels
 * pair. Equality only: the embedded API server ignores set-based selectors, so Failwise matches
 * labels itself, from the informer's cache.
 */
public final class ClusterSelection {
  private ClusterSelection() {}

  public static boolean selects(FailoverPolicy policy, Cluster cluster) {
    if (policy.getSpec() == null || policy.getSpec().selector == null) {
      return false;
    }
    if (!Objects.equals(policy.getMetadata().getNamespace(), cluster.getMetadata().getNamespace())) {
      return false;
    }
    FailoverPolicySpec.Selector s = policy.getSpec().selector;
    boolean named = s.clusters != null && s.clusters.contains(cluster.getMetadata().getName());
    boolean labelled = s.matchLabels != null && !s.matchLabels.isEmpty() && hasAll(cluster.getMetadata().getLabels(), s.matchLabels);
    return named || labelled;
  }

  private static boolean hasAll(Map<String, String> labels, Map<String, String> wanted) {
    return labels != null && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
