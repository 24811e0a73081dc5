package io.failwise.signals;

import io.failwise.api.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;

/** Picks the signal source a Cluster's spec names and reads it. */
@ApplicationScoped
public class ClusterSignals {
  private final List<SignalSource> sources;

  @Inject
  public ClusterSignals(Instance<SignalSource> sources) {
    this.sources = sources.stream().toList();
  }

  ClusterSignals(List<SignalSource> sources) {
    this.sources = sources;
  }

  /** Whether the source that answers for this cluster is its spec's fixed counts, which need no polling. */
  public boolean isStatic(Cluster cluster) {
    for (SignalSource source : sources) {
      if (source.handles(cluster)) {
        return source instanceof StaticSignalSource;
      }
    }
    return false;
  }

  public SignalReading read(Cluster cluster) {
    for (SignalSource source : sources) {
      if (source.handles(cluster)) {
        return source.read(cluster);
      }
    }
    return SignalReading.unknown("NoSignalSource", "spec.signals names no source Failwise can read.");
  }
}
