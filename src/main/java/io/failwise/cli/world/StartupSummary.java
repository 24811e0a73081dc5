package io.failwise.cli.world;

import io.failwise.api.Cluster;
import io.failwise.api.Region;
import java.util.List;
import java.util.Objects;

/**
 * When the start-up summary of {@code run --embedded} may be printed: once every cluster has a
 * known health and every region's status adds up the clusters in it, so the summary never shows a
 * region Unknown (or 0/0 devices) beside healthy clusters that the region has simply not summed yet.
 */
public final class StartupSummary {
  private StartupSummary() {}

  public static boolean settled(List<Region> regions, List<Cluster> clusters) {
    for (Cluster c : clusters) {
      if (c.getStatus() == null || c.getStatus().health == null || "Unknown".equals(c.getStatus().health) || c.getStatus().devices == null) {
        return false;
      }
    }
    for (Region r : regions) {
      String name = r.getMetadata().getName();
      List<Cluster> in = clusters.stream().filter(c -> c.getSpec() != null && name.equals(c.getSpec().region)).toList();
      if (r.getStatus() == null || r.getStatus().health == null || r.getStatus().devices == null) {
        return false;
      }
      if ("Unknown".equals(r.getStatus().health) && !in.isEmpty()) {
        return false;
      }
      long expected = in.stream().mapToLong(c -> c.getStatus().devices.expected == null ? 0 : c.getStatus().devices.expected).sum();
      if (!Objects.equals(r.getStatus().clusters, in.size()) || !Objects.equals(r.getStatus().devices.expected, expected)) {
        return false;
      }
    }
    return true;
  }
}
