package io.failwise.cli.runs;

import io.failwise.api.validation.ClusterValidator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Cluster checks of the offline commands, one place for validate and plan: each Cluster against
 * the Regions and the Clusters of its namespace given with it (a failover to itself, to a cluster
 * not given, connected above expected...).
 */
final class ClusterChecks {
  private ClusterChecks() {}

  /** One "file, document N (Cluster x): field: message" line per problem, in document order. */
  static void problems(ResourceSet set, Consumer<String> out) {
    // Names from every document, a Cluster or Region the schema refused included: that one has its own problem line.
    Set<String> regions = set.regionNames.isEmpty() ? null : set.regionNames;
    Map<String, Set<String>> clusterNames = set.clusterNames;
    for (var c : set.clusters) {
      List<io.failwise.api.validation.Problem> found =
          ClusterValidator.validate(c.resource(), new ClusterValidator.References(regions, clusterNames.get(c.namespace())));
      found.forEach(x -> out.accept(ValidateCommand.line(c.doc().where(), x)));
    }
  }
}
