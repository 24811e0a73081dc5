package io.failwise.cli.world;

import io.failwise.model.Format;
import io.failwise.sim.ClusterCounts;
import io.failwise.sim.FleetSimulator;
import java.util.ArrayList;
import java.util.List;

/** One line on the fleet: connected devices per cluster as a monitor would count them. */
public final class FleetLine {
  private FleetLine() {}

  public static String of(FleetSimulator fleet) {
    List<String> parts = new ArrayList<>();
    for (ClusterCounts c : fleet.allCounts()) {
      parts.add(c.cluster() + " " + Format.count(c.observedConnected()) + "/" + Format.count(c.expected()));
    }
    return "connected: " + String.join(", ", parts);
  }
}
