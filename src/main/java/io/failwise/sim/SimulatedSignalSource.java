package io.failwise.sim;

import io.failwise.api.Cluster;
import io.failwise.signals.SignalReading;
import io.failwise.signals.SignalSource;

/**
 * Device counts of clusters the fleet simulator knows, by Cluster name, as a heartbeat-based
 * monitor would report them (drops show up when the keep-alive expires). Deliberately not a CDI
 * bean: registered only where a simulator runs (the demo), it must be asked before the static
 * source, which would otherwise answer for the same clusters with their spec's fixed counts.
 */
public final class SimulatedSignalSource implements SignalSource {
  private final FleetSimulator fleet;

  public SimulatedSignalSource(FleetSimulator fleet) {
    this.fleet = fleet;
  }

  @Override
  public boolean handles(Cluster cluster) {
    return cluster.getMetadata() != null && cluster.getMetadata().getName() != null && fleet.knows(cluster.getMetadata().getName());
  }

  @Override
  public SignalReading read(Cluster cluster) {
    String name = cluster.getMetadata() == null ? null : cluster.getMetadata().getName();
    return fleet
        .counts(name == null ? "" : name)
        .map(c -> SignalReading.known(c.observation()))
        .orElseGet(() -> SignalReading.unknown("NotSimulated", "The fleet simulator has no cluster named " + name + "."));
  }
}
