package io.failwise.operator.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.Fixtures;
import io.failwise.api.PastOutage;
import io.failwise.model.estimate.DurationPrior;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The duration prior fitted to the past outages the namespace's clusters recorded (status.pastOutages). */
class PastOutagesTest {
  private static final DurationPrior STATED = DurationPrior.DEFAULT;

  private static Cluster with(String name, PastOutage... past) {
    return in("eu-west", name, past);
  }

  private static Cluster in(String region, String name, PastOutage... past) {
    Cluster c = Fixtures.cluster("fleet", name, region, 180_000, 179_000);
    c.setStatus(new ClusterStatus());
    c.getStatus().pastOutages = new ArrayList<>(Arrays.asList(past));
    return c;
  }

  private static PastOutage lasting(String start, int minutes) {
    java.time.Instant s = java.time.Instant.parse(start);
    return new PastOutage(start, s.plusSeconds(60L * minutes).toString());
  }

  @Test
  void theOutagesOfEveryClusterArePooledNewestFirst() {
    Cluster a = with("go-1", lasting("2026-03-01T10:00:00Z", 30), lasting("2026-03-05T10:00:00Z", 10));
    Cluster b = with("go-2", lasting("2026-03-03T10:00:00Z", 20));
    assertEquals(List.of(10.0, 20.0, 30.0), PastOutages.minutes(List.of(a, b), 200));
    DurationPrior fitted = PastOutages.prior(STATED, List.of(a, b), PastOutages.Learning.DEFAULT);
    assertEquals(STATED.fittedTo(List.of(10.0, 20.0, 30.0)), fitted);
    assertEquals(3, fitted.pastOutages());
    // Drawn again later, a decision of 3 March 12:00 is fitted to what had ended by then: the outage of
    // the 5th (and one still going at noon on the 3rd) are not yet past outages.
    java.time.Instant decided = java.time.Instant.parse("2026-03-03T10:20:00Z");
    assertEquals(List.of(20.0, 30.0), PastOutages.minutes(List.of(a, b), 200, decided));
    assertEquals(List.of(30.0), PastOutages.minutes(List.of(a, b), 200, decided.minusSeconds(1)));
    assertEquals(STATED.fittedTo(List.of(20.0, 30.0)), PastOutages.prior(STATED, List.of(a, b), PastOutages.Learning.DEFAULT, decided));
  }

  @Test
  void oneIncidentAcrossARegionsClustersCountsOnce() {
    // A regional incident took go-1, go-2 and go-3 of eu-west down at about the same time: one outage of
    // the fleet, from the first onset (10:00) to the last recovery (12:30), 150 minutes. Counted per Cluster
    // it would weigh three times, and a region of 30 Clusters would let one long night outvote a month of
    // blips. go-4 in eu-north was down at the same time: another region, another outage. The 15-minute blip
    // of go-1 the next day overlaps nothing and stays its own, as does go-2's that touches it end to start.
    Cluster go1 = in("eu-west", "go-1", lasting("2026-03-01T10:00:00Z", 120), lasting("2026-03-02T10:00:00Z", 15));
    Cluster go2 = in("eu-west", "go-2", lasting("2026-03-01T10:05:00Z", 145), lasting("2026-03-02T10:15:00Z", 5));
    Cluster go3 = in("eu-west", "go-3", lasting("2026-03-01T10:10:00Z", 20));
    Cluster go4 = in("eu-north", "go-4", lasting("2026-03-01T10:00:00Z", 60));
    assertEquals(List.of(5.0, 15.0, 150.0, 60.0), PastOutages.minutes(List.of(go1, go2, go3, go4), 200));
    assertEquals(4, PastOutages.prior(STATED, List.of(go1, go2, go3, go4), PastOutages.Learning.DEFAULT).pastOutages());
    // A Cluster without a region cannot share an incident with another: its outages count on their own.
    Cluster loose = in(null, "go-5", lasting("2026-03-01T10:00:00Z", 30));
    Cluster blank = in(" ", "go-6", lasting("2026-03-01T10:00:00Z", 40));
    assertEquals(List.of(40.0, 30.0), PastOutages.minutes(List.of(loose, blank), 200).stream().sorted(java.util.Comparator.reverseOrder()).toList());
  }

  @Test
  void entriesWrittenByHandThatMakeNoSenseAreSkippedNotThrown() {
    Cluster c =
        with(
            "go-1",
            lasting("2026-03-01T10:00:00Z", 30),
            new PastOutage("yesterday", "2026-03-02T10:00:00Z"),
            new PastOutage("2026-03-02T10:00:00Z", "not a time"),
            new PastOutage(null, "2026-03-02T10:00:00Z"),
            new PastOutage("2026-03-02T10:00:00Z", null),
            new PastOutage("2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z"), // ends as it starts
            new PastOutage("2026-03-02T11:00:00Z", "2026-03-02T10:00:00Z"), // ends before it starts
            new PastOutage("2025-03-02T10:00:00Z", "2026-03-02T10:00:00Z"), // a year: a mistyped date, not an outage
            null);
    Cluster noStatus = Fixtures.cluster("fleet", "go-2", "eu-west", 10, 10);
    Cluster noList = Fixtures.cluster("fleet", "go-3", "eu-west", 10, 10);
    noList.setStatus(new ClusterStatus());
    assertEquals(List.of(30.0), PastOutages.minutes(List.of(c, noStatus, noList), 200));
    assertEquals(1, PastOutages.prior(STATED, List.of(c, noStatus, noList), PastOutages.Learning.DEFAULT).pastOutages());
  }

  @Test
  void maxKeepsTheMostRecentByTheirEnd() {
    // The 90-minute one started first but ended last: it is the most recent. (Two regions: within one,
    // outages that overlap in time would be one incident.)
    Cluster a = in("eu-west", "go-1", lasting("2026-03-01T09:00:00Z", 90), lasting("2026-02-20T09:30:00Z", 5));
    Cluster b = in("eu-north", "go-2", lasting("2026-02-01T10:00:00Z", 400), lasting("2026-03-01T10:00:00Z", 20));
    assertEquals(List.of(90.0, 20.0), PastOutages.minutes(List.of(a, b), 2));
    assertEquals(
        STATED.fittedTo(List.of(90.0, 20.0)), PastOutages.prior(STATED, List.of(a, b), new PastOutages.Learning(true, 2)));
  }

  @Test
  void notLearningOrLearningFromNoneGivesTheStatedPrior() {
    Cluster a = with("go-1", lasting("2026-03-01T10:00:00Z", 5), lasting("2026-03-02T10:00:00Z", 5));
    DurationPrior policy = new DurationPrior(300, 1200);
    assertSame(policy, PastOutages.prior(policy, List.of(a), PastOutages.Learning.OFF));
    assertSame(policy, PastOutages.prior(policy, List.of(a), new PastOutages.Learning(false, 200)));
    assertSame(policy, PastOutages.prior(policy, List.of(a), new PastOutages.Learning(true, 0)));
    assertSame(policy, PastOutages.prior(policy, List.of(with("go-2")), PastOutages.Learning.DEFAULT), "no past outage");
    assertEquals(2, PastOutages.prior(policy, List.of(a), PastOutages.Learning.DEFAULT).pastOutages());
  }

  @Test
  void aNegativeMaxIsRefusedNamingTheSetting() {
    var e = assertThrows(IllegalArgumentException.class, () -> new PastOutages.Learning(true, -1));
    assertEquals("failwise.estimator.past-outages.max must be 0 or more, got -1", e.getMessage());
  }

  @Test
  void aRecordChangedUnderTheSameClusterIsReadAgain() {
    // Parsed entries are kept per Cluster while its status.pastOutages reads as it did: a new list, an
    // entry edited in place, or one more entry is read anew, never answered from the memo.
    Cluster a = with("memo-1", lasting("2026-03-01T10:00:00Z", 30));
    a.getMetadata().setUid("uid-memo-1");
    assertEquals(List.of(30.0), PastOutages.minutes(List.of(a), 200));
    a.getStatus().pastOutages = new ArrayList<>(List.of(lasting("2026-03-01T10:00:00Z", 10)));
    assertEquals(List.of(10.0), PastOutages.minutes(List.of(a), 200));
    a.getStatus().pastOutages.set(0, lasting("2026-03-01T10:00:00Z", 45));
    assertEquals(List.of(45.0), PastOutages.minutes(List.of(a), 200));
    a.getStatus().pastOutages.add(lasting("2026-03-02T10:00:00Z", 5));
    assertEquals(List.of(5.0, 45.0), PastOutages.minutes(List.of(a), 200));
    // Another Cluster with the same entries is its own: same answer, whatever the memo holds.
    Cluster b = with("memo-2", lasting("2026-03-01T10:00:00Z", 45), lasting("2026-03-02T10:00:00Z", 5));
    assertEquals(PastOutages.minutes(List.of(a), 200), PastOutages.minutes(List.of(b), 200));
  }

  @Test
  void theKeptFitIsUsedOnlyForTheSameStatedPriorAndRecord() {
    Cluster a = with("fit-1", lasting("2026-03-01T10:00:00Z", 30), lasting("2026-03-05T10:00:00Z", 10));
    DurationPrior other = new DurationPrior(60, 300);
    assertEquals(STATED.fittedTo(List.of(10.0, 30.0)), PastOutages.prior(STATED, List.of(a), PastOutages.Learning.DEFAULT));
    assertEquals(other.fittedTo(List.of(10.0, 30.0)), PastOutages.prior(other, List.of(a), PastOutages.Learning.DEFAULT));
    a.getStatus().pastOutages.add(lasting("2026-03-06T10:00:00Z", 20));
    assertEquals(other.fittedTo(List.of(20.0, 10.0, 30.0)), PastOutages.prior(other, List.of(a), PastOutages.Learning.DEFAULT));
  }

  @Test
  void onlyTheNewestMaxAreKeptNewestFirst() {
    // 30 outages, one a day, of 1 to 30 minutes: the newest 12 by end, newest first.
    PastOutage[] past = new PastOutage[30];
    for (int i = 0; i < 30; i++) {
      past[i] = lasting(java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * i).toString(), i + 1);
    }
    List<Double> expected = new ArrayList<>();
    for (int i = 30; i > 18; i--) {
      expected.add((double) i);
    }
    assertEquals(expected, PastOutages.minutes(List.of(with("max", past)), 12));
    assertEquals(List.of(), PastOutages.minutes(List.of(with("none", past)), 0));
  }
}
