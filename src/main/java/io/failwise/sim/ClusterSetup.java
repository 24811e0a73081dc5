package io.failwise.sim;

/**
 * A cluster of the simulated fleet: how many devices call it home and what its front door can take.
 *
 * @param devices devices homed on the cluster at the start
 * @param capacityDevices most devices it holds at once
 * @param admissionDevicesPerSecond most new connections it accepts per second
 */
public record ClusterSetup(String name, long devices, long capacityDevices, double admissionDevicesPerSecond) {
  public ClusterSetup {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a simulated cluster needs a name");
    }
    if (devices < 0 || capacityDevices < 0) {
      throw new IllegalArgumentException("cluster " + name + ": devices and capacityDevices cannot be negative");
    }
    if (!(admissionDevicesPerSecond > 0)) {
      throw new IllegalArgumentException("cluster " + name + ": admissionDevicesPerSecond must be above 0");
    }
  }
}
