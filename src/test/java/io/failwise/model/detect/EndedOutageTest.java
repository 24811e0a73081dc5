package io.failwise.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outages a quorum of observers saw end, from what each observer saw. */
class EndedOutageTest {
  private static Instant at(String hhmm) {
    return Instant.parse("2026-03-12T" + hhmm + ":00Z");
  }

  /** An outage from {@code from} whose devices were back at {@code back}, confirmed 5 minutes later. */
  private static EndedOutage outage(String from, String back) {
    return new EndedOutage(at(from), at(back), at(back).plus(Duration.ofMinutes(5)));
  }

  private static List<Instant> none(int observers) {
    return Arrays.asList(new Instant[observers]);
  }

  @Test
  void oneObserverIsItsOwnQuorum() {
    List<EndedOutage> seen = List.of(outage("20:30", "21:00"), outage("21:10", "21:20"));
    assertEquals(seen, EndedOutage.byQuorum(List.of(seen), none(1), 1));
  }

  /**
   * Two of three: the outage is one from when the second observer saw it until fewer than two still did;
   * it is dated from the earliest onset among them, as a live verdict dates it by its agreeing observers,
   * and it is confirmed when the observer whose end broke the quorum confirmed its own.
   */
  @Test
  void twoOfThreeSpanFromTheSecondToSeeItUntilFewerThanTwoDo() {
    List<List<EndedOutage>> seen =
        List.of(List.of(outage("20:30", "21:00")), List.of(outage("20:32", "20:50")), List.of(outage("22:00", "22:10")));
    assertEquals(
        List.of(new EndedOutage(at("20:30"), at("20:50"), at("20:55"))), EndedOutage.byQuorum(seen, none(3), 2),
        "the third observer's outage alone is no quorum's");
  }

  @Test
  void anOutageAnObserverStillSeesHasNotEndedForTheQuorum() {
    List<List<EndedOutage>> seen = List.of(List.of(outage("20:30", "21:00")), List.of());
    List<Instant> goingOn = new ArrayList<>(none(2));
    goingOn.set(1, at("20:31"));
    assertEquals(List.of(), EndedOutage.byQuorum(seen, goingOn, 1), "one observer still sees it: for a quorum of one it goes on");
    assertEquals(
        List.of(new EndedOutage(at("20:30"), at("21:00"), at("21:05"))), EndedOutage.byQuorum(seen, goingOn, 2),
        "for a quorum of two it ended when the first observer's devices came back");
  }

  @Test
  void outagesThatOnlyTouchAreNeverAQuorumTogether() {
    List<List<EndedOutage>> seen = List.of(List.of(outage("20:30", "21:00")), List.of(outage("21:00", "21:30")));
    assertEquals(List.of(), EndedOutage.byQuorum(seen, none(2), 2));
  }

  @Test
  void aQuorumBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> EndedOutage.byQuorum(List.of(), List.of(), 0));
  }

  /** The detector keeps the latest sixteen, oldest first: enough for any gap its history can read. */
  @Test
  void theDetectorRemembersTheLatestOutagesThatEnded() {
    OfflineDetector d = new OfflineDetector(DetectorSettings.defaults());
    Instant t = at("00:00");
    int outages = 0;
    for (int minute = 0; minute < 24 * 60; minute++) {
      // Twenty outages of 20 minutes, an hour apart, after two hours of calm.
      boolean down = minute >= 120 && (minute - 120) % 60 < 20 && (minute - 120) / 60 < 20;
      if (down && (minute - 120) % 60 == 0) {
        outages++;
      }
      for (int s = 0; s < 4; s++) {
        d.step(Sample.of(t, down ? 4_000 : 9_900 - (s * 8), 10_000));
        t = t.plusSeconds(15);
      }
    }
    assertEquals(20, outages);
    List<EndedOutage> ended = d.endedOutages();
    assertEquals(16, ended.size());
    // The last outage began at 21:00 (minute 1,260) and its devices were back at 21:20.
    assertEquals(at("21:00"), ended.get(15).onset());
    assertEquals(at("21:20"), ended.get(15).back());
    assertEquals(at("06:00"), ended.get(0).onset(), "the four oldest are forgotten");
  }
}
