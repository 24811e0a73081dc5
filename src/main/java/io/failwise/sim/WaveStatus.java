package io.failwise.sim;

import java.time.Instant;

/**
 * Where one shift or failback stands.
 *
 * @param id handle to ask again with {@link FleetActions#wave(long)}
 * @param selectedDevices devices chosen for the wave (fewer than requested when the source had fewer)
 * @param movedDevices devices re-homed to the target so far
 * @param connectedDevices moved devices holding a connection to the target now
 * @param devicesPerSecond the pace; infinite for an all-at-once switch
 * @param movesDoneAt when the last device will have been re-homed (devices still need to connect)
 */
public record WaveStatus(
    long id,
    String source,
    String target,
    long requestedDevices,
    long selectedDevices,
    long movedDevices,
    long connectedDevices,
    double devicesPerSecond,
    Instant startedAt,
    Instant movesDoneAt) {

  public boolean allMoved() {
    return movedDevices >= selectedDevices;
  }

  /** Every selected device re-homed and connected to the target. */
  public boolean complete() {
    return allMoved() && connectedDevices >= selectedDevices;
  }
}
