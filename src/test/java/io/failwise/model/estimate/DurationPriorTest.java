package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The duration prior learning from a fleet's own past outages (DurationPrior.fittedTo). */
class DurationPriorTest {
  private static final DurationPrior STATED = DurationPrior.DEFAULT;

  /**
   * A stated prior is 1 minute to 30 days, its p90 at most 100 times its median: beyond, the device-minutes
   * overflow (1e5 min gave a mean of Long.MAX_VALUE; so did a median of 1 min with a p90 of 30 days).
   */
  @Test
  void aStatedPriorIsFromAMinuteToThirtyDays() {
    assertEquals(43_200, DurationPrior.LONGEST_STATED_MINUTES);
    assertTrue(DurationPrior.statedProblem(432, 43_200).isEmpty());
    assertTrue(DurationPrior.statedProblem(1, 100).isEmpty());
    assertTrue(DurationPrior.statedProblem(120, 480).isEmpty());
    assertEquals(
        new DurationPrior.StatedProblem("medianMinutes", "must be from 1 to 43,200 minutes (30 days), got 100000.0"),
        DurationPrior.statedProblem(1e5, 1e6).orElseThrow());
    assertEquals("medianMinutes", DurationPrior.statedProblem(1e-300, 480).orElseThrow().field());
    assertEquals("medianMinutes", DurationPrior.statedProblem(Double.NaN, 480).orElseThrow().field());
    assertEquals("p90Minutes", DurationPrior.statedProblem(120, 43_201).orElseThrow().field());
    assertEquals("p90Minutes", DurationPrior.statedProblem(120, Double.POSITIVE_INFINITY).orElseThrow().field());
    assertEquals(
        new DurationPrior.StatedProblem("p90Minutes", "must be above medianMinutes (120.0), got 60.0"),
        DurationPrior.statedProblem(120, 60).orElseThrow());
    assertEquals("p90Minutes", DurationPrior.statedProblem(1, 100.5).orElseThrow().field());
    assertTrue(DurationPrior.statedProblem(1, 100).isEmpty(), "a p90 of exactly 100 x the median is the widest allowed");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationPrior.stated(1e5, 1e6, "FailoverPolicy p spec.durationPrior"));
    assertEquals("FailoverPolicy p spec.durationPrior.medianMinutes: must be from 1 to 43,200 minutes (30 days), got 100000.0", e.getMessage());
  }

  @Test
  void noPastOutageLeavesTheStatedPrior() {
    assertSame(STATED, STATED.fittedTo(List.of()));
    assertEquals(0, STATED.pastOutages());
  }

  @Test
  void workedExample() {
    // Ten past outages of 30 minutes each, against the stated 2 h / 8 h weighing as ten outages:
    // ln 120 = 4.787, ln 30 = 3.401, so mu' = (10 x 4.787 + 10 x 3.401) / 20 = 4.094, a median of 60 min
    // (the geometric mean of 120 and 30). sigma = ln 4 / 1.2816 = 1.0817; the durations agree (S = 0), so
    // sigma'^2 = (10 x 1.1701 + 0 + 10 x 10 / 20 x 1.3863^2) / 20 = (11.701 + 9.609) / 20 = 1.0655,
    // sigma' = 1.0322, and p90 = 60 x e^(1.2816 x 1.0322) = 60 x e^1.3229 = 60 x 3.754 = 225.3 min.
    DurationPrior fitted = STATED.fittedTo(List.of(30.0, 30.0, 30.0, 30.0, 30.0, 30.0, 30.0, 30.0, 30.0, 30.0));
    assertEquals(60.0, fitted.medianMinutes(), 1e-9);
    assertEquals(225.3, fitted.p90Minutes(), 0.1);
    assertEquals(10, fitted.pastOutages());
  }

  @Test
  void manyPastOutagesBringItToTheirOwnFit() {
    // 5,000 outages of a lognormal with median 40 min and p90 200 min: the stated prior's ten outages
    // weigh 0.2%, so the fit is theirs within sampling error.
    Random random = new Random(7);
    DurationPrior truth = new DurationPrior(40, 200);
    List<Double> past = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      past.add(Math.exp(truth.mu() + truth.sigma() * random.nextGaussian()));
    }
    DurationPrior fitted = STATED.fittedTo(past);
    assertEquals(truth.mu(), fitted.mu(), 0.05);
    assertEquals(truth.sigma(), fitted.sigma(), 0.05);
  }

  @Test
  void aLongerPastOutageNeverShortensTheMedianAndShortOnesBringItDown() {
    // Of one lognormal (fewer than 30 past outages). Two kinds can move the median either way when an
    // outage lengthens: the lengthened one may change which kind others belong to (docs/estimator.md).
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<Double> past = new ArrayList<>();
      int n = 1 + random.nextInt(DurationPrior.FEWEST_FOR_TWO_KINDS - 1);
      for (int i = 0; i < n; i++) {
        past.add(1 + 600 * random.nextDouble());
      }
      List<Double> longer = new ArrayList<>(past);
      int k = random.nextInt(n);
      longer.set(k, past.get(k) + 1 + 300 * random.nextDouble());
      assertTrue(STATED.fittedTo(longer).medianMinutes() >= STATED.fittedTo(past).medianMinutes(), past + " -> " + longer);
    }
    // Blips that no status page shows: twenty outages of 10 minutes halve the median more than twice over.
    DurationPrior blips = STATED.fittedTo(Arrays.asList(new Double[20]).stream().map(x -> 10.0).toList());
    assertTrue(blips.medianMinutes() < 30, "median " + blips.medianMinutes());
  }

  @Test
  void anOutageShorterThanAMinuteCountsAsAMinute() {
    assertEquals(STATED.fittedTo(List.of(1.0)), STATED.fittedTo(List.of(0.0)));
  }

  @Test
  void aDurationThatIsNotANumberOfMinutesIsRefusedWithWhatItWas() {
    for (Double bad : Arrays.asList(-1.0, Double.NaN, Double.POSITIVE_INFINITY, null)) {
      List<Double> past = new ArrayList<>();
      past.add(bad);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> STATED.fittedTo(past));
      assertTrue(e.getMessage().contains("got " + bad), e.getMessage());
    }
  }

  /** The fleet of the decision benchmark: one outage in six a blip of 6-20 min, the rest hours long. */
  private static List<Double> blipsAndIncidents(int n, long seed) {
    Random random = new Random(seed);
    List<Double> past = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      past.add(i % 6 == 0 ? 6 + 14 * random.nextDouble() : Math.exp(STATED.mu() + STATED.sigma() * random.nextGaussian()));
    }
    return past;
  }

  @Test
  void pastOutagesOfTwoKindsMakeAPriorOfTwoKindsBesideTheStatedOne() {
    // 200 past outages, 34 of them blips of 6-20 min (one in six), the rest drawn from the stated prior.
    // One lognormal would smear the two into one hump; the prior keeps them apart, each weighing as the
    // outages it stands for, and the stated prior as its 10 of 210.
    DurationPrior fitted = STATED.fittedTo(blipsAndIncidents(200, 3));
    assertTrue(fitted.twoKinds(), fitted.toString());
    assertEquals(3, fitted.kinds().size());
    DurationPrior.Kind stated = fitted.kinds().get(0);
    DurationPrior.Kind blips = fitted.kinds().get(1);
    DurationPrior.Kind incidents = fitted.kinds().get(2);
    assertEquals(10.0 / 210, stated.weight(), 1e-12);
    assertEquals(0, stated.pastOutages());
    assertEquals(120, stated.medianMinutes());
    assertEquals(34, blips.pastOutages(), 3);
    assertEquals(166, incidents.pastOutages(), 3);
    assertEquals(1, fitted.kinds().stream().mapToDouble(DurationPrior.Kind::weight).sum(), 1e-12);
    // Blips are uniform on 6-20 min: median 13 min. The incidents keep the stated prior's 2 h median.
    assertEquals(13, blips.medianMinutes(), 2);
    assertTrue(blips.p90Minutes() < 25, blips.toString());
    assertEquals(120, incidents.medianMinutes(), 25);
    assertEquals(200, fitted.pastOutages());
    // An outage 25 minutes old is no blip: its chance of lasting another 20 minutes is the incidents'
    // own (the stated prior's part is much like them). At 5 minutes, a fifth of the outages are blips.
    double incidentsAlone =
        new DurationPrior(incidents.medianMinutes(), incidents.p90Minutes()).remainingAfter(25).probabilityLongerThan(20);
    assertEquals(incidentsAlone, fitted.remainingAfter(25).probabilityLongerThan(20), 0.01);
    // Five minutes in, every blip is still going (the shortest last 6): a sixth of the outages still going
    // will be over within 20 minutes besides the incidents that would, so the chance is about 5/6 of theirs.
    DurationPrior incidentsOnly = new DurationPrior(incidents.medianMinutes(), incidents.p90Minutes());
    double young = fitted.remainingAfter(5).probabilityLongerThan(20);
    assertEquals(5.0 / 6, young / incidentsOnly.remainingAfter(5).probabilityLongerThan(20), 0.04);
  }

  @Test
  void fewerThanThirtyOrOneKindStayOneLognormal() {
    assertFalse(STATED.fittedTo(blipsAndIncidents(DurationPrior.FEWEST_FOR_TWO_KINDS - 1, 3)).twoKinds());
    Random random = new Random(5);
    List<Double> one = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      one.add(Math.exp(Math.log(40) + 0.8 * random.nextGaussian()));
    }
    DurationPrior fitted = STATED.fittedTo(one);
    assertFalse(fitted.twoKinds(), fitted.toString());
    assertTrue(fitted.kinds().isEmpty());
  }

  @Test
  void aMixtureMustBeOne() {
    DurationPrior.Kind half = new DurationPrior.Kind(0.5, 10, 20, 5);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new DurationPrior(10, 40, 5, List.of(half)));
    assertTrue(e.getMessage().contains("sum to 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DurationPrior.Kind(0, 10, 20, 5));
    assertThrows(IllegalArgumentException.class, () -> new DurationPrior.Kind(0.5, 20, 20, 5));
  }
}
