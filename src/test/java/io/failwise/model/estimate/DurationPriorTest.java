package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<Double> past = new ArrayList<>();
      int n = 1 + random.nextInt(30);
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
}
