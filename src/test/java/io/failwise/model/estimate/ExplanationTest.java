package io.failwise.model.estimate;

import static io.failwise.model.estimate.Fixtures.input;
import static io.failwise.model.estimate.Fixtures.source;
import static io.failwise.model.estimate.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sentence a person acts on, word for word where its numbers can be worked out by hand. After 3 h the
 * default prior expects another 282.72 min (4 h 43 min), median 147.12 min (2 h 27 min): the reference
 * values of {@link RemainingOutageTest}.
 */
class ExplanationTest {
  private final FailoverEstimator estimator = new FailoverEstimator(Fixtures.WHOLE_CAPACITY);

  private static final String EXPECTED_AFTER_3H = "the outage is expected to last another 4 h 43 min (median 2 h 27 min)";

  private static EstimateInput shortOutages(EstimateInput in) {
    return new EstimateInput(in.source(), in.targets(), in.outage(), in.at(), new DurationPrior(3, 10), in.zone(), in.targetOrder());
  }

  @Test
  void millionsAreShortenedAndSmallerNumbersPrintedInFull() {
    assertEquals("7.76 M", Explanation.millions(7_762_500));
    assertEquals("1.00 M", Explanation.millions(1_000_000));
    assertEquals("999,999", Explanation.millions(999_999.4));
    assertEquals("2,213 M", Explanation.millions(2_213_350_000.0), "past a thousand millions, no false precision");
    assertEquals("32,500", Explanation.millions(32_500));
  }

  @Test
  void probabilitiesAreRoundedToTwoPlacesButNeverToZeroOrOne() {
    assertEquals("below 0.01", Explanation.probability(0.0049));
    assertEquals("0.01", Explanation.probability(0.005));
    assertEquals("0.35", Explanation.probability(0.3512));
    assertEquals("0.99", Explanation.probability(0.9949));
    assertEquals(String.format(java.util.Locale.ROOT, "%.2f", 0.995), Explanation.probability(0.995));
    assertEquals("above 0.99", Explanation.probability(0.9951));
  }

  @Test
  void failingOverSaysWhatItDisruptsAndWhatEachChoiceCosts() {
    // 900 of 1,000 offline for 3 h. Failing over: 32,500 device-minutes (1,000 x 10 min twice, queues of
    // 1,000^2/240 and 1,000^2/120), everyone back in 10 + 1,000/120 = 18 min. Holding: 900 x 282.72 + 900^2/120
    // = 261,201. Break-even (32,500 - 6,750) / 900 = 28.6 min, which the outage outlasts with probability
    // above a half: no "less likely than not".
    Estimate e = estimator.estimate(input(900, Duration.ofHours(3)));
    assertEquals(Recommendation.FAILOVER, e.recommendation());
    double p = DurationPrior.DEFAULT.remainingAfter(180).probabilityLongerThan(25_750 / 900.0);
    assertTrue(p > 0.5, "p " + p);
    Waiting w = e.waiting();
    assertEquals(
        "Fail over src to tgt: 900 devices are offline now and " + EXPECTED_AFTER_3H + ". Failing over disrupts all 1,000 devices for"
            + " about 18 min, and again at failback: 32,500 device-minutes expected against 261,201 for holding. It pays off if the"
            + " outage lasts more than another 29 min (probability " + Explanation.probability(p) + "). Waiting is not worth it:"
            + " holding another 15 min and deciding again is expected to cost " + Explanation.millions(w.holdThenDecideMean())
            + " device-minutes against 32,500 for acting now (the outage ends within 15 min with probability only "
            + Explanation.probability(w.endsWithinStepProbability()) + "). Re-evaluate at 21:55 +01:00.",
        e.explanation());
  }

  /**
   * The usual target (priority 0) is unhealthy, so the devices go to the priority-1 one: the explanation
   * says which target was passed over and why. Under a prior of outages of days, the outage ends
   * within the next 15 min with probability below 0.01: said as such, not "only below 0.01".
   */
  @Test
  void aMoveThatPassesATargetOverSaysWhichAndWhy() {
    TargetCluster sick = new TargetCluster("usual", 0, 10_000, 0, 2, false);
    EstimateInput in = input(source(Granularity.CLUSTER), List.of(sick, target("spare", 1)), 900, false, Duration.ofHours(3));
    Estimate e = estimator.estimate(new EstimateInput(in.source(), in.targets(), in.outage(), in.at(), new DurationPrior(6000, 20000), in.zone()));
    assertEquals(Recommendation.FAILOVER, e.recommendation());
    assertEquals("spare", e.target().orElseThrow());
    assertTrue(e.explanation().contains(" Passed over: usual is not healthy. Waiting is not worth it"), e.explanation());
    assertTrue(e.explanation().contains("(the outage ends within 15 min with probability below 0.01)"), e.explanation());

    // Nothing passed over, nothing said.
    assertFalse(estimator.estimate(input(900, Duration.ofHours(3))).explanation().contains("Passed over"));
  }

  @Test
  void failingOverWhenItsBreakEvenIsUnlikelySaysWhyItIsStillTheBetterBet() {
    // 100 of 1,000 offline for 4 h under a prior with a long tail (median 1 h, p90 10 h): failing over pays
    // off only if the outage lasts another (32,500 - 83) / 100 = 324 min, a little less likely than not, but
    // the long outages that remain possible cost holding far more than the failover.
    EstimateInput in = input(100, Duration.ofHours(4));
    Estimate e = estimator.estimate(new EstimateInput(in.source(), in.targets(), in.outage(), in.at(), new DurationPrior(60, 600), in.zone()));
    assertEquals(Recommendation.FAILOVER, e.recommendation());
    assertEquals((32_500 - 10_000 / 120.0) / 100, e.breakEven().minutes().orElseThrow(), 1e-9);
    assertTrue(e.breakEven().probability() < 0.5, "p " + e.breakEven().probability());
    assertTrue(
        e.explanation().contains(": less likely than not, but the long outages it guards against cost more than the failover."),
        e.explanation());
  }

  @Test
  void movingTheAffectedDevicesSaysHowManyMoveWhatStaysAndWhatTheAlternativesCost() {
    // 300 of 1,000 offline for 3 h, granularity Device. Moving all 300: 3,000 + 300^2/240 + 3,000 + 300^2/120
    // = 7,125 device-minutes, in after 10 + 300/120 = 12.5 min; the 700 connected stay. Holding: 300 x 282.72
    // + 300^2/120 = 85,567; the whole cluster 32,500. Break-even (7,125 - 750) / 300 = 21.25 min.
    Estimate e = estimator.estimate(input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 300, false, Duration.ofHours(3)));
    assertEquals(Recommendation.FAILOVER_AFFECTED, e.recommendation());
    double p = DurationPrior.DEFAULT.remainingAfter(180).probabilityLongerThan(21.25);
    assertEquals(21.25, e.breakEven().minutes().orElseThrow(), 1e-9);
    assertTrue(p > 0.5, "p " + p);
    String start =
        "Move only the affected devices of src to tgt: all 300 affected devices, connected again in about 13 min; the 700 connected"
            + " devices stay. The outage is expected to last another 4 h 43 min (median 2 h 27 min); 7,125 device-minutes expected"
            + " against 85,567 for holding and 32,500 for failing all 1,000 devices over to tgt. Moving these pays off if the outage"
            + " lasts more than another 21 min (probability " + Explanation.probability(p) + "). Waiting is not worth it:";
    assertTrue(e.explanation().startsWith(start), e.explanation());
  }

  @Test
  void movingSomeOfTheAffectedDevicesSaysWhyNotAllAndLeavesOutAFailoverThatCannotRun() {
    // Room for 120 of the 300 (capacity 1,000, 880 connected); the whole cluster fits nowhere.
    TargetCluster small = new TargetCluster("small", 0, 1000, 880, 2, true);
    Estimate e = estimator.estimate(input(source(Granularity.DEVICE), List.of(small), 300, false, Duration.ofHours(3)));
    assertEquals(Recommendation.FAILOVER_AFFECTED, e.recommendation());
    assertFalse(e.option(Recommendation.FAILOVER).feasible());
    String text = e.explanation();
    assertTrue(
        text.startsWith(
            "Move only the affected devices of src to small: 120 of the 300 affected devices, connected again in about "),
        text);
    assertTrue(text.contains(" (small has room for 120 of the 300 affected devices: 180 do not fit); the 700 connected devices stay."), text);
    assertTrue(text.contains(" for holding. Moving these pays off"), text);
  }

  @Test
  void holdingWithoutAFeasibleFailoverSaysWhyForEachOption() {
    // Granularity Device and no targets: both options fail for the same reason, said once.
    Estimate none = estimator.estimate(input(source(Granularity.DEVICE), List.of(), 300, false, Duration.ofHours(3)));
    assertEquals(
        "Hold: src has no feasible failover: src lists no failover targets. 300 devices are offline now; " + EXPECTED_AFTER_3H
            + ". Re-evaluate at 21:55 +01:00.",
        none.explanation());
    // A full target: the whole cluster and the affected devices fail for different reasons, both said.
    TargetCluster full = new TargetCluster("full", 0, 1000, 1000, 2, true);
    Estimate noRoom = estimator.estimate(input(source(Granularity.DEVICE), List.of(full), 300, false, Duration.ofHours(3)));
    assertEquals(
        "Hold: src has no feasible failover: full has room for 0 of the 1,000 devices (1,000 do not fit at 100% of its capacity);"
            + " moving only the offline devices: full has room for 0 of the 300 affected devices (300 do not fit at 100% of its"
            + " capacity). 300 devices are offline now; " + EXPECTED_AFTER_3H + ". Re-evaluate at 21:55 +01:00.",
        noRoom.explanation());
    // Nothing offline and nowhere to go: the sentence still starts with a capital.
    Estimate idle = estimator.estimate(input(source(Granularity.CLUSTER), List.of(), 0, false, Duration.ofHours(3)));
    assertTrue(idle.explanation().contains(". No devices are offline; " + EXPECTED_AFTER_3H + "."), idle.explanation());
  }

  @Test
  void aPriorLearnedFromPastOutagesIsNamedWithWhatItLearned() {
    // The same hold, with the default prior updated by 20 past outages of 30 minutes: mu' = (10 ln 120 +
    // 20 ln 30) / 30, a median of 120^(1/3) x 30^(2/3) = 47.6 min; sigma'^2 = (10 x 1.1701 + 20 x 10 / 30
    // x 1.3863^2) / 30 = 0.8171, p90 = 47.6 x e^(1.2816 x 0.9039) = 47.6 x 3.185 = 151.7 min. The sentence says where the
    // outlook's numbers came from, so an SRE can tell a learned prior from the stated one.
    EstimateInput stated = input(source(Granularity.DEVICE), List.of(), 300, false, Duration.ofHours(3));
    DurationPrior learned = stated.prior().fittedTo(java.util.Collections.nCopies(20, 30.0));
    EstimateInput in =
        new EstimateInput(stated.source(), stated.targets(), stated.outage(), stated.at(), learned, stated.zone(), stated.targetOrder());
    String text = estimator.estimate(in).explanation();
    assertTrue(text.contains(", by a prior learned from 20 past outages of this fleet (median 48 min, p90 2 h 32 min)."), text);
    assertFalse(estimator.estimate(stated).explanation().contains("learned"));
    // Thirty blips of 10 min and thirty incidents of 3 h: two kinds, and the sentence names them.
    java.util.List<Double> twoKinds = new java.util.ArrayList<>(java.util.Collections.nCopies(30, 10.0));
    twoKinds.addAll(java.util.Collections.nCopies(30, 180.0));
    DurationPrior kinds = stated.prior().fittedTo(twoKinds);
    String kindsText =
        estimator
            .estimate(new EstimateInput(stated.source(), stated.targets(), stated.outage(), stated.at(), kinds, stated.zone(), stated.targetOrder()))
            .explanation();
    assertTrue(kindsText.contains("; two kinds, 30 short (median 10 min) and 30 long (median 3 h))."), kindsText);
  }

  @Test
  void holdingThroughATotalOutageThatWillLikelyEndSoonSaysWhyWaitingWins() {
    // Every device offline, but outages here usually end within minutes: failing over would disrupt all 1,000
    // (not "more than the outage has"). Holding a step costs little and the outage likely ends within it.
    Estimate e = estimator.estimate(shortOutages(input(1000, Duration.ZERO)));
    assertEquals(Recommendation.HOLD, e.recommendation());
    String text = e.explanation();
    assertTrue(text.startsWith("Hold: failing src over to tgt would disrupt all 1,000 devices for about 18 min and again at failback."), text);
    Waiting w = e.waiting();
    assertTrue(
        text.contains(
            " Waiting is the better bet: holding another 15 min costs about " + Explanation.millions(w.stepDeviceMinutes())
                + " device-minutes, and the outage ends within it with probability " + Explanation.probability(w.endsWithinStepProbability())
                + ", when failing over is never needed; holding and deciding again at 21:55 +01:00 is expected to cost "
                + Explanation.millions(w.holdThenDecideMean()) + " against 32,500 for failing over now."),
        text);
  }

  @Test
  void holdingWhenFailoverWouldNotPayOffWithinAWeekSaysSo() {
    // One device of 1,000 offline: failing over pays off only after (32,500 - 1/120) minutes, 22 days, and the
    // expected remainder does not reach that within the week the decision looks ahead.
    Estimate e = estimator.estimate(input(1, Duration.ofMinutes(10)));
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertTrue(e.flipsAt().isEmpty());
    assertTrue(
        e.explanation().endsWith(
            " If the outage goes on as it is, waiting stays the better bet for the coming week. Re-evaluate at 21:55 +01:00."),
        e.explanation());
  }

  @Test
  void aClusterThatDoesNotFailBackIsNotToldItWillBeDisruptedAgain() {
    SourceCluster oneWay = new SourceCluster("src", "", 1000, 900, 2000, 1, Duration.ofMinutes(10), null, Granularity.CLUSTER, false);
    Estimate e = estimator.estimate(input(oneWay, List.of(target("tgt", 0)), 900, false, Duration.ofHours(3)));
    assertEquals(Recommendation.FAILOVER, e.recommendation());
    assertFalse(e.explanation().contains("failback"), e.explanation());
  }

  /**
   * Two costs that round alike are given whole and called a near tie: at 59,954 devices offline on the
   * 12 March scenario, holding a step and failing over now are 8,896,536 and 8,896,544 device-minutes, and
   * the explanation said "8.90 M against 8.90 M" with the confidence of any other answer.
   */
  @Test
  void costsThatRoundAlikeAreGivenWholeAsANearTie() {
    assertEquals("8,896,536 device-minutes against 8,896,544 (a near tie)", Explanation.against(8_896_536, 8_896_544, " device-minutes"));
    assertEquals("8.90 M against 9.12 M", Explanation.against(8_896_536, 9_120_000, ""));
    assertEquals("620,894 against 620,894", Explanation.against(620_894.2, 620_894.4, ""), "equal to the device-minute: nothing to call");
  }
}
