package io.failwise.sim;

import io.failwise.model.DeviceObservation;
import java.time.Instant;

/**
 * One simulated cluster at one moment: its devices, what a heartbeat-based monitor sees of them, and
 * what its connection front door has been through.
 *
 * @param expected devices homed on the cluster (they connect here when all is well)
 * @param connected devices holding a connection now
 * @param observedConnected what a monitor reports: devices that vanished silently still count until
 *     their keep-alive expires
 * @param limitDevices most devices the cluster admits now (its capacity, lowered by faults)
 * @param fault None, HardOutage, Intermittent or CapacityReduced
 * @param deviceMinutesLost minutes of offline time of the devices homed here, summed since the start
 */
public record ClusterCounts(
    String cluster,
    Instant at,
    long expected,
    long connected,
    long observedConnected,
    long capacityDevices,
    long limitDevices,
    double admissionDevicesPerSecond,
    String fault,
    long connectionAttempts,
    long admittedAttempts,
    long rejectedAttempts,
    long peakAttemptsPerSecond,
    long peakAdmissionsPerSecond,
    double deviceMinutesLost) {

  /** Devices homed here and not connected. */
  public long offline() {
    return expected - connected;
  }

  /** Offline devices as a monitor sees them (later than {@link #offline()}). */
  public long observedOffline() {
    return expected - observedConnected;
  }

  /** The reading a detector gets: what the monitor sees, not the truth. */
  public DeviceObservation observation() {
    return new DeviceObservation(expected, observedConnected, at);
  }
}
