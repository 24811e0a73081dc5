package io.failwise.operator.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.model.estimate.EstimatorConfig;
import io.failwise.operator.FailwiseConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EstimatorProducerTest {
  @Test
  void passesEveryConfiguredAssumptionToTheEstimator() {
    EstimatorConfig c = EstimatorProducer.configOf(settings(0.3, Duration.ofMinutes(2), Duration.ofMinutes(20)));
    assertEquals(new EstimatorConfig(0.3, Duration.ofMinutes(2), Duration.ofMinutes(20)), c);
  }

  @Test
  void refusesAssumptionsThatMakeNoSenseNamingTheSetting() {
    // A ConfigurationException, which Quarkus prints as its message alone (SettingsRefusalTest has the words).
    var cap = assertThrows(ConfigurationException.class, () -> EstimatorProducer.configOf(settings(0, Duration.ofMinutes(2), Duration.ofMinutes(20))));
    assertTrue(cap.getMessage().startsWith("Invalid setting: failwise.estimator.max-target-utilization"), cap.getMessage());
    var bounds = assertThrows(
        ConfigurationException.class,
        () -> EstimatorProducer.configOf(settings(0.5, Duration.ofMinutes(30), Duration.ofMinutes(20))));
    assertTrue(bounds.getMessage().startsWith("Invalid setting: failwise.estimator.reevaluate-min"), bounds.getMessage());
  }

  private static FailwiseConfig.Estimator settings(double share, Duration min, Duration max) {
    return new FailwiseConfig.Estimator() {
      @Override
      public double maxTargetUtilization() {
        return share;
      }

      @Override
      public Duration reevaluateMin() {
        return min;
      }

      @Override
      public Duration reevaluateMax() {
        return max;
      }

      @Override
      public FailwiseConfig.PastOutageLearning pastOutages() {
        throw new UnsupportedOperationException("not the estimator's: PastOutages.Learning reads it");
      }
    };
  }
}
