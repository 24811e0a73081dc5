package io.failwise.sim;

import java.util.Optional;

/**
 * What a failover run can do to a fleet: the action target of its {@code shift} and
 * {@code failback} steps. The fleet simulator implements it; a real deployment would implement it
 * with DNS, provisioning or broker APIs. Every method returns at once; devices move as time passes,
 * and {@link #wave(long)} says how far they got. Unknown clusters or non-positive counts or rates
 * throw {@link IllegalArgumentException} with a message naming the argument.
 */
public interface FleetActions {

  /**
   * Re-homes up to {@code devices} devices of {@code source} to {@code target}, at most
   * {@code devicesPerSecond} at a time. Each device leaves the source and tries the target at its
   * slot in the pace. Devices already offline go first: they are losing time anyway.
   */
  WaveStatus shift(String source, String target, long devices, double devicesPerSecond);

  /**
   * Re-homes every device of {@code source} to {@code target} at once, as when the target takes
   * over the source's address: connected devices drop, and each reconnects on its own backoff.
   */
  WaveStatus shiftAll(String source, String target);

  /**
   * Moves back to {@code source}, at the pace given, up to {@code devices} devices that earlier
   * shifts moved from {@code source} to {@code target}.
   */
  WaveStatus failback(String source, String target, long devices, double devicesPerSecond);

  /** Where a wave stands now; empty for an id this fleet never issued. */
  Optional<WaveStatus> wave(long waveId);

  /** Device counts of a cluster now; empty when the fleet does not know it. */
  Optional<ClusterCounts> counts(String cluster);
}
