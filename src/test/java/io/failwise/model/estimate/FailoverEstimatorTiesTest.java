package io.failwise.model.estimate;

import static io.failwise.model.estimate.Fixtures.input;
import static io.failwise.model.estimate.Fixtures.source;
import static io.failwise.model.estimate.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ties between the options and what the HOLD option reports with and without a trend. */
class FailoverEstimatorTiesTest {
  private final FailoverEstimator estimator = new FailoverEstimator(Fixtures.WHOLE_CAPACITY);

  @Test
  void whenMovingTheAffectedDevicesMovesThemAllItTiesWithFailingOverAndTheLessDisruptiveOptionWins() {
    // Every device offline for 4 h, granularity Device: moving the 1,000 affected devices is failing the
    // whole cluster over, 32,500 device-minutes either way, with the same break-even.
    Estimate e = estimator.estimate(input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 1000, false, Duration.ofHours(4)));
    OptionEstimate affected = e.option(Recommendation.FAILOVER_AFFECTED);
    OptionEstimate failover = e.option(Recommendation.FAILOVER);
    assertEquals(1000, affected.devicesMoved());
    assertEquals(32_500, affected.deviceMinutesMean(), 1e-9);
    assertEquals(failover.deviceMinutesMean(), affected.deviceMinutesMean(), 0);
    assertEquals(Recommendation.FAILOVER_AFFECTED, e.recommendation(), e.explanation());
    assertEquals(Recommendation.FAILOVER_AFFECTED, e.breakEven().option().orElseThrow());
    // (32,500 - 1,000^2/120) / 1,000 minutes.
    assertEquals((32_500 - 1_000_000 / 120.0) / 1000, e.breakEven().minutes().orElseThrow(), 1e-9);
  }

  @Test
  void aSteadyCountHoldsAtItsClosedFormAndARecoveringOneAtItsProjection() {
    // Steady: the loss line at the expected remainder, 100 E[R] + 100^2/120, exactly as reported for the line.
    Estimate steady = estimator.estimate(input(100, Duration.ofMinutes(30)));
    OptionEstimate hold = steady.option(Recommendation.HOLD);
    assertEquals(hold.loss().at(steady.outlook().meanMinutes()), hold.deviceMinutesMean(), 0);
    // Falling 20 a minute from 300 (10 minutes ago) to 100: back within 5 minutes, so holding costs the
    // projected few hundred device-minutes, not 100 for every minute of the expected remainder.
    EstimateInput in = input(100, Duration.ofMinutes(30));
    Outage falling = in.outage().withRecent(List.of(new OfflineSample(Fixtures.AT.minus(Duration.ofMinutes(10)), 300)));
    Estimate recovering = estimator.estimate(TrendTest.withOutage(in, falling));
    assertEquals(Trend.Kind.RECOVERING, recovering.trend().kind());
    OptionEstimate projected = recovering.option(Recommendation.HOLD);
    assertEquals(recovering.waiting().holdForeverMean(), projected.deviceMinutesMean(), 0);
    // 100 x 5 / 2 = 250 device-minutes while it falls, if the outage lasts; less when it ends sooner; plus the queue.
    assertTrue(projected.deviceMinutesMean() <= 250 + 100.0 * 100 / 120 + 1e-9, "hold " + projected.deviceMinutesMean());
    assertTrue(projected.deviceMinutesMean() < hold.deviceMinutesMean() / 10);
  }
}
