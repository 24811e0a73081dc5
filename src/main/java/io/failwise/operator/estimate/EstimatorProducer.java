package io.failwise.operator.estimate;

import io.failwise.model.estimate.EstimatorConfig;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.operator.FailwiseConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One FailoverEstimator for the application, with the assumptions set under failwise.estimator.*. */
public class EstimatorProducer {
  @Produces
  @Singleton
  FailoverEstimator estimator(FailwiseConfig config) {
    return new FailoverEstimator(configOf(config.estimator()));
  }

  static EstimatorConfig configOf(FailwiseConfig.Estimator c) {
    return io.failwise.operator.SettingsRefusal.estimator(c);
  }
}
