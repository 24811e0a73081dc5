package io.failwise.model.estimate;

/** How a cluster's devices can move: all together, or one by one (e.g. by re-provisioning). */
public enum Granularity {
  CLUSTER,
  DEVICE
}
