package io.failwise.operator;

import io.failwise.model.detect.DetectorSettings;
import io.failwise.signals.PrometheusObservers;
import io.failwise.signals.prometheus.HttpPrometheusApi;
import io.failwise.signals.prometheus.ResilientPrometheus;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the Prometheus observers from configuration, so that io.failwise.signals needs no config types. */
public class SignalsProducer {
  @Produces
  @Singleton
  PrometheusObservers prometheusObservers(FailwiseConfig config) {
    FailwiseConfig.Signals s = config.signals();
    var api =
        new ResilientPrometheus(
            new HttpPrometheusApi(s.timeout()),
            new ResilientPrometheus.Policy(s.maxAttempts(), s.retryBackoff(), s.circuitFailures(), s.circuitOpenFor()));
    return new PrometheusObservers(
        api, new PrometheusObservers.Settings(s.pollInterval(), s.timeout(), s.staleAfter(), s.history(), detector(s)));
  }

  static DetectorSettings detector(FailwiseConfig.Signals s) {
    FailwiseConfig.Detection d = s.detection();
    return new DetectorSettings(
        s.pollInterval(),
        d.baselineHalfLife(),
        d.warmUp(),
        d.allowanceSigmas(),
        d.alarmSigmas(),
        d.maxStepSigmas(),
        d.degradedExcessRatio(),
        d.minimumDegradedDevices(),
        d.outageExcessRatio(),
        d.minimumOutageDevices(),
        d.recoveryRatio(),
        d.recoveryHold(),
        d.degradedAcceptAfter(),
        d.confirmSamples());
  }
}
