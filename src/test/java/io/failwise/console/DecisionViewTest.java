package io.failwise.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.Fixtures;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.operator.estimate.PastOutages;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster page's chart is the estimator run again on a steady count. A decision that followed the
 * readings' trend is not that: an outside pass read "FAILOVER pays off if it lasts another 17 h 46 min"
 * on the chart above "failover never pays off while the count falls". The page now says so beside it.
 */
class DecisionViewTest {
  private static final Cluster WEST = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 138_000, "go-eu-north-1");
  private static final Cluster NORTH = Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 90_000);

  private static DecisionView.Charted charted(String explanation) {
    Decision d = new Decision();
    d.id = "eu-shadow-go-eu-west-1-1";
    d.time = "2026-03-12T21:08:00Z";
    d.cluster = "go-eu-west-1";
    d.recommendation = "HOLD";
    d.action = "Recorded";
    d.offlineDevices = 41_826L;
    d.outageSince = "2026-03-12T19:49:00Z";
    d.explanation = explanation;
    var recorded = new DecisionView.Recorded("fleet", "eu-shadow", d, new FailoverPolicySpec());
    return DecisionView.current(WEST, List.of(WEST, NORTH), List.of(recorded), FailoverEstimator.withDefaults(), ZoneOffset.UTC,
        PastOutages.Learning.OFF).orElseThrow();
  }

  @Test
  void aDecisionThatFollowedItsTrendIsSaidNotToBeTheChartsAnswer() {
    DecisionView.Charted recovering = charted("Recovering at 600 devices a minute; back by about 23:17 +01:00 at this rate. Hold: ...");
    assertNotNull(recovering.curves(), "still drawn: the costs of a steady count are worth seeing");
    assertEquals("The chart weighs the 41,826 offline devices as a steady count; the decision followed their trend (its explanation says"
        + " how), so its answer and break-even are not the chart's.", recovering.why());
    assertNotNull(charted("Growing by 14,811 devices a minute for 4 min so far; ...").why());
  }

  @Test
  void aDecisionOnASteadyCountIsTheChartsOwn() {
    assertNull(charted("Hold: failing go-eu-west-1 over to go-eu-north-1 would disrupt 180,000 devices ...").why());
  }
}
