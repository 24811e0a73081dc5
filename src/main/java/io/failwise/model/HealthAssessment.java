package io.failwise.model;

/** A verdict on a cluster's health with the reason (CamelCase) and a sentence for a person. */
public record HealthAssessment(Health health, String reason, String message) {

  /** Judges one reading against level thresholds. */
  public static HealthAssessment of(DeviceObservation o, HealthThresholds t) {
    long offline = o.offline();
    String share = Format.percent(o.offlineRatio());
    if (o.expected() == 0) {
      return new HealthAssessment(Health.HEALTHY, "NoDevicesExpected", "No devices are expected on this cluster.");
    }
    if (offline >= t.minimumOfflineDevices() && o.offlineRatio() >= t.outageOfflineRatio()) {
      return new HealthAssessment(
          Health.OUTAGE,
          "DevicesOffline",
          Format.count(offline) + " of " + Format.count(o.expected()) + " devices are offline (" + share + ").");
    }
    if (offline >= t.minimumOfflineDevices() && o.offlineRatio() >= t.degradedOfflineRatio()) {
      return new HealthAssessment(
          Health.DEGRADED,
          "DevicesOffline",
          Format.count(offline) + " of " + Format.count(o.expected()) + " devices are offline (" + share + ").");
    }
    return new HealthAssessment(
        Health.HEALTHY,
        "DevicesConnected",
        Format.count(o.connected()) + " of " + Format.count(o.expected()) + " devices are connected.");
  }
}
