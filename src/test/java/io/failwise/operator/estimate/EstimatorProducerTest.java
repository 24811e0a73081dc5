package io.failwise.operator.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.failwise.model.estimate.EstimatorConfig;
import io.failwise.operator.FailwiseConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EstimatorProducerTest {
  @Test
  void passesEveryConfiguredAssumptionToTheEstimator() {
    EstimatorConfig c = EstimatorProducer.configOf(settings(0.3, Duration.ofMinutes(2), Duration.ofMinutes(20)));
    assertEquals(new EstimatorConfig(0.3, Duration.ofMinutes(2), Duration.ofMinutes(20)), c);
  }

  @Test
  void refusesAssumptionsThatMakeNoSense() {
    assertThrows(IllegalArgumentException.class, () -> EstimatorProducer.configOf(settings(0, Duration.ofMinutes(2), Duration.ofMinutes(20))));
    assertThrows(
        IllegalArgumentException.class,
        () -> EstimatorProducer.configOf(settings(0.5, Duration.ofMinutes(30), Duration.ofMinutes(20))));
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
