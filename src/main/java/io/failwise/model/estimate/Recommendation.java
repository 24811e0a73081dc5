package io.failwise.model.estimate;

/** The options weighed for a cluster in an outage; the estimate recommends one of them. */
public enum Recommendation {
  /** Keep failover in reserve and wait for the outage to end. */
  HOLD,
  /** Move the whole cluster, healthy devices too, to its best target (and back after the outage). */
  FAILOVER,
  /** Move only the devices the outage took offline; possible where granularity is DEVICE. */
  FAILOVER_AFFECTED
}
