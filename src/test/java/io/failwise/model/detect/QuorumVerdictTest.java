package io.failwise.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuorumVerdictTest {
  private static final Instant T = Instant.parse("2026-03-12T19:46:00Z");
  private static final Instant ONSET = Instant.parse("2026-03-12T19:45:00Z");

  /** Observers as letters: O outage, S an outage silenced by a window, D degraded, N normal, L learning, U unreadable. */
  @ParameterizedTest(name = "{0} with quorum {1}: outage {2}, degraded {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "O, 1, true, true",
        "N, 1, false, false",
        "U, 1, null, null",
        "L, 1, null, null",
        "OO, 2, true, true",
        "ON, 2, false, false",
        "OU, 2, null, null",
        "OU, 1, true, true",
        "NU, 1, null, null",
        "NU, 2, false, false",
        "OON, 2, true, true",
        "ODN, 2, false, true",
        "DNN, 2, false, false",
        "OUU, 2, null, null",
        "NNU, 2, false, false",
      })
  void outageOnlyWithAQuorumAndUndecidedWhenTooFewCanBeRead(String observers, int quorum, Boolean outage, Boolean degraded) {
    QuorumVerdict q = QuorumVerdict.of(observers(observers), quorum);
    assertEquals(outage, q.outage(), "outage");
    assertEquals(degraded, q.degraded(), "degraded");
  }

  /** A silenced outage is no Outage, and is not over: it needs the quorum as an Outage does. */
  @ParameterizedTest(name = "{0} with quorum {1}: outage {2}, silenced {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "S, 1, false, true",
        "SS, 2, false, true",
        "SN, 2, false, false",
        "SU, 2, null, false", // one of the two cannot be read: whether the outage ended is not known
        "SD, 2, false, false",
        "OO, 2, true, false",
        "D, 1, false, false",
        "N, 1, false, false",
      })
  void aSilencedOutageIsNotTrueAndNotOverWithItsQuorum(String observers, int quorum, Boolean outage, boolean silenced) {
    QuorumVerdict q = QuorumVerdict.of(observers(observers), quorum);
    assertEquals(outage, q.outage(), "outage");
    assertEquals(silenced, q.outageSilenced(), "silenced");
  }

  @ParameterizedTest
  @CsvSource({"ON, 1, a, b", "OON, 2, a;b, c", "ODN, 2, a;b, c"})
  void disagreementNamesWhoAgreesAndWhoDoesNot(String observers, int quorum, String agreeing, String dissenting) {
    QuorumVerdict q = QuorumVerdict.of(observers(observers), quorum);
    assertEquals(List.of(agreeing.split(";")), q.agreeing());
    assertEquals(List.of(dissenting.split(";")), q.dissenting());
    assertEquals(true, q.disagreement());
    assertEquals(ONSET, q.onset());
  }

  private static List<ObserverVerdict> observers(String letters) {
    List<ObserverVerdict> out = new ArrayList<>();
    for (int i = 0; i < letters.length(); i++) {
      String name = String.valueOf((char) ('a' + i));
      DetectionState state =
          switch (letters.charAt(i)) {
            case 'O' -> DetectionState.OUTAGE;
            case 'D', 'S' -> DetectionState.DEGRADED;
            case 'N' -> DetectionState.NORMAL;
            case 'L' -> DetectionState.LEARNING;
            default -> null;
          };
      out.add(
          state == null
              ? ObserverVerdict.unknown(name, "Unreachable", "connection refused", null)
              : ObserverVerdict.known(
                  name,
                  new DetectionVerdict(
                      state, T, 90_000, 100_000L, 10_000, 100_000, state.alarmed() ? ONSET : null, 10, letters.charAt(i) == 'S',
                      letters.charAt(i) == 'S')));
    }
    return out;
  }

  @Test
  void allAgreeingIsNoDisagreementAndTheUnreadObserversAreListed() {
    QuorumVerdict q = QuorumVerdict.of(observers("OUO"), 2);
    assertEquals(List.of("a", "c"), q.agreeing());
    assertEquals(List.of(), q.dissenting());
    assertEquals(false, q.disagreement());
    assertEquals(List.of("b"), q.unknown().stream().map(ObserverVerdict::name).toList());
    assertEquals(false, QuorumVerdict.of(observers("NN"), 1).disagreement(), "all Normal: nobody agrees on an alarm");
    assertEquals(ObserverVerdict.unknown("b", "Unreachable", "connection refused", null).withErrorsPerSecond(2.5).errorsPerSecond(), 2.5);
  }

  private static ObserverVerdict backAt(String name, DetectionState state, Instant back) {
    return ObserverVerdict.known(
        name, new DetectionVerdict(state, T, 99_000, 100_000L, 500, 99_500, null, 0, false, false, back));
  }

  /**
   * The devices of a quorum's outage are back when fewer than the quorum still see it: with 2 of 3, when
   * the first of two observers in Outage saw its devices return (19:50), not the second (19:52) and not
   * when detection confirmed it; a third observer's return from an outage of last week does not count.
   */
  @Test
  void theDevicesOfAQuorumsOutageAreBackWhenTheQuorumNoLongerSeesIt() {
    Instant lastWeek = Instant.parse("2026-03-05T10:00:00Z");
    Instant first = Instant.parse("2026-03-12T19:50:00Z");
    Instant second = Instant.parse("2026-03-12T19:52:00Z");
    var a = backAt("a", DetectionState.NORMAL, first);
    var b = backAt("b", DetectionState.DEGRADED, second);
    var c = backAt("c", DetectionState.NORMAL, lastWeek);
    assertEquals(first, QuorumVerdict.of(List.of(a, b, c), 2).outageBackAt());
    assertEquals(second, QuorumVerdict.of(List.of(a, b, c), 1).outageBackAt(), "with 1 of 3, the last to see it");
    // b still in Outage and a quorum of 2: a's return ended it.
    var stillOut = ObserverVerdict.known("b", new DetectionVerdict(DetectionState.OUTAGE, T, 90_000, 100_000L, 10_000, 100_000, ONSET, 10));
    assertEquals(first, QuorumVerdict.of(List.of(a, stillOut, c), 2).outageBackAt());
    assertEquals(null, QuorumVerdict.of(List.of(a, stillOut, c), 1).outageBackAt(), "going on: no return");
    // Nobody can say when theirs came back (static-like verdicts): unknown, the caller takes its own time.
    var n = backAt("a", DetectionState.NORMAL, null);
    assertEquals(null, QuorumVerdict.of(List.of(n), 1).outageBackAt());
  }
}
