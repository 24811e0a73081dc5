package io.failwise.signals;

import io.failwise.api.Cluster;

/** Reads a cluster's device counts from wherever its spec.signals says they are. */
public interface SignalSource {
  /** Whether this source handles the cluster's signals spec. */
  boolean handles(Cluster cluster);

  /** Never throws for a bad or unreachable source: it returns an unknown reading that says why. */
  SignalReading read(Cluster cluster);
}
