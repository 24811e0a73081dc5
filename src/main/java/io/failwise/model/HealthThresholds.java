package io.failwise.model;

/**
 * Level thresholds on the share of expected devices that are offline. They judge a single reading
 * (a static signal); time series go through the detector instead.
 *
 * @param degradedOfflineRatio share offline from which the cluster is degraded
 * @param outageOfflineRatio share offline from which the cluster is in an outage
 * @param minimumOfflineDevices fewer offline devices than this is normal churn, whatever the share
 */
public record HealthThresholds(double degradedOfflineRatio, double outageOfflineRatio, long minimumOfflineDevices) {
  public HealthThresholds {
    if (!(degradedOfflineRatio > 0 && degradedOfflineRatio <= outageOfflineRatio && outageOfflineRatio <= 1)) {
      throw new IllegalArgumentException(
          "health thresholds need 0 < degradedOfflineRatio <= outageOfflineRatio <= 1, got "
              + degradedOfflineRatio + " and " + outageOfflineRatio);
    }
    if (minimumOfflineDevices < 0) {
      throw new IllegalArgumentException("minimumOfflineDevices cannot be negative: " + minimumOfflineDevices);
    }
  }

  public static HealthThresholds defaults() {
    return new HealthThresholds(0.02, 0.10, 100);
  }
}
