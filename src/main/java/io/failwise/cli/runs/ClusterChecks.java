package io.failwise.cli.runs;

import io.failwise.api.Cluster;
import io.failwise.api.validation.ClusterValidator;
import io.failwise.model.SameRegion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Cluster checks of the offline commands, one place for validate and plan: each Cluster against
 * the Regions and the Clusters of its namespace given with it (a failover to itself, to a cluster
 * not given, connected above expected...), and a failover target in the cluster's own region, which the
 * estimator never chooses and a run's precheck refuses.
 */
final class ClusterChecks {
  private ClusterChecks() {}

  /** One "file, document N (Cluster x): field: message" line per problem, in document order. */
  static void problems(ResourceSet set, Consumer<String> out) {
    // Names from every document, a Cluster or Region the schema refused included: that one has its own problem line.
    Map<String, Map<String, Cluster>> byNamespace = new java.util.HashMap<>();
    for (var c : set.everyCluster) {
      if (set.scenarioClusterNames.containsKey(c.doc().file())) {
        // An estimate Scenario file is a world of its own: its Clusters refer to its own Clusters and Regions, and
        // it may ask what a same-region target gets (playbooks/scenarios/same-region-target.yaml).
        Set<String> regions = set.scenarioRegionNames.get(c.doc().file());
        Set<String> names = set.scenarioClusterNames.getOrDefault(c.doc().file(), Map.of()).get(c.namespace());
        ClusterValidator.validate(c.resource(), new ClusterValidator.References(regions, names))
            .forEach(x -> out.accept(ValidateCommand.line(c.doc().where(), x)));
        continue;
      }
      Set<String> regions = set.regionNames.isEmpty() ? null : set.regionNames;
      List<io.failwise.api.validation.Problem> found =
          ClusterValidator.validate(c.resource(), new ClusterValidator.References(regions, set.clusterNames.get(c.namespace())));
      found.forEach(x -> out.accept(ValidateCommand.line(c.doc().where(), x)));
      Map<String, Cluster> inNamespace = byNamespace.computeIfAbsent(c.namespace(), ns -> ResourceSet.byName(set.clusters, ns));
      var failover = c.resource().getSpec() == null ? null : c.resource().getSpec().failover;
      for (int i = 0; failover != null && failover.targets != null && i < failover.targets.size(); i++) {
        var t = failover.targets.get(i);
        Cluster target = t == null || t.cluster == null ? null : inNamespace.get(t.cluster);
        String field = "spec.failover.targets[" + i + "].cluster";
        sameRegion(c.resource(), target)
            .ifPresent(why -> out.accept(c.doc().where() + ": " + field + ": " + why
                + ": the estimator never chooses it and a run into it fails its precheck; list a cluster of another region"));
      }
    }
  }

  /**
   * "Cluster 'b' runs in a's own region (eu-west)" when both are known and share a region; empty when
   * either is null (not in the files: that is its own problem, "does not exist").
   */
  static Optional<String> sameRegion(Cluster source, Cluster target) {
    if (source == null || target == null) {
      return Optional.empty();
    }
    String region = region(source);
    if (!SameRegion.same(region, region(target))) {
      return Optional.empty();
    }
    return Optional.of("Cluster '" + target.getMetadata().getName() + "' runs in " + source.getMetadata().getName() + "'s own region ("
        + region + ")");
  }

  private static String region(Cluster c) {
    return c.getSpec() == null || c.getSpec().region == null ? "" : c.getSpec().region;
  }
}
