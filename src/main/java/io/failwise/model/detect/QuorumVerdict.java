package io.failwise.model.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Several observers' verdicts on one cluster combined: a state holds when at least {@code quorum}
 * judged observers agree on it (or on something worse); it is ruled out when so many judged
 * observers disagree that the quorum cannot be reached; otherwise it is undecided (null).
 *
 * @param outage True/False/null (undecided: too few observers could be read)
 * @param degraded the same for Degraded-or-worse
 * @param agreeing observers that say Outage when outage holds, else those that say Degraded or worse
 * @param onset earliest estimated onset among the agreeing observers
 * @param outageSilenced the Outage is not True only because a maintenance window (a silence) began while
 *     it was: at least {@code quorum} judged observers say Outage or hold an Outage silenced by the
 *     window. It has not ended; no policy acts on it while the window lasts.
 * @param ended the latest Outages the quorum saw end, oldest first ({@link EndedOutage#byQuorum}): with
 *     them, one that began and ended between two verdicts is not lost
 */
public record QuorumVerdict(
    Boolean outage, Boolean degraded, int quorum, List<String> agreeing, List<String> dissenting, Instant onset,
    List<ObserverVerdict> observers, boolean outageSilenced, List<EndedOutage> ended) {

  public QuorumVerdict {
    ended = ended == null ? List.of() : List.copyOf(ended);
  }

  /** The same verdict with the Outages the quorum saw end. */
  public QuorumVerdict withEnded(List<EndedOutage> outages) {
    return new QuorumVerdict(outage, degraded, quorum, agreeing, dissenting, onset, observers, outageSilenced, outages);
  }

  public static QuorumVerdict of(List<ObserverVerdict> observers, int quorum) {
    if (quorum < 1) {
      throw new IllegalArgumentException("quorum must be 1 or more, got " + quorum);
    }
    int total = observers.size();
    List<ObserverVerdict> judged = observers.stream().filter(ObserverVerdict::judged).toList();
    List<ObserverVerdict> sayOutage = judged.stream().filter(o -> o.verdict().state() == DetectionState.OUTAGE).toList();
    List<ObserverVerdict> sayAlarm = judged.stream().filter(o -> o.verdict().state().alarmed()).toList();
    Boolean outage = decide(sayOutage.size(), judged.size() - sayOutage.size(), total, quorum);
    Boolean degraded = decide(sayAlarm.size(), judged.size() - sayAlarm.size(), total, quorum);
    List<ObserverVerdict> agree = Boolean.TRUE.equals(outage) ? sayOutage : sayAlarm;
    List<String> dissent = new ArrayList<>();
    for (ObserverVerdict o : judged) {
      if (!agree.contains(o)) {
        dissent.add(o.name());
      }
    }
    Instant onset =
        Boolean.TRUE.equals(degraded)
            ? agree.stream().map(o -> o.verdict().onset()).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null)
            : null;
    // An outage a window silences is not over: counted as an Outage, the quorum says whether one goes on,
    // silenced, and cannot tell (Unknown, not False) when too few observers can be read to say it ended.
    int outageOrSilenced =
        (int) judged.stream().filter(o -> o.verdict().state() == DetectionState.OUTAGE || o.verdict().silencedOutage()).count();
    Boolean goesOn = decide(outageOrSilenced, judged.size() - outageOrSilenced, total, quorum);
    boolean silenced = !Boolean.TRUE.equals(outage) && Boolean.TRUE.equals(goesOn);
    if (goesOn == null) {
      outage = null;
    }
    return new QuorumVerdict(
        outage, degraded, quorum, agree.stream().map(ObserverVerdict::name).toList(), List.copyOf(dissent), onset,
        List.copyOf(observers), silenced, List.of());
  }

  private static Boolean decide(int agree, int disagree, int total, int quorum) {
    if (agree >= quorum) {
      return Boolean.TRUE;
    }
    // Even if every observer that could not be read agreed, the quorum would not be reached.
    if (total - disagree < quorum) {
      return Boolean.FALSE;
    }
    return null;
  }

  /**
   * When the devices of the outage that ended came back, as the quorum saw it: the moment fewer than
   * {@code quorum} observers still saw it, each judged observer that no longer does counted from when its
   * devices came back ({@link DetectionVerdict#outageBackAt}). Null while the outage goes on (or is
   * silenced), or when too few observers can say when theirs ended.
   */
  public Instant outageBackAt() {
    List<ObserverVerdict> judged = observers.stream().filter(ObserverVerdict::judged).toList();
    long goingOn =
        judged.stream().filter(o -> o.verdict().state() == DetectionState.OUTAGE || o.verdict().silencedOutage()).count();
    long need = quorum - goingOn;
    if (Boolean.TRUE.equals(outage) || outageSilenced || need <= 0) {
      return null;
    }
    List<Instant> back =
        judged.stream()
            .filter(o -> o.verdict().state() != DetectionState.OUTAGE && !o.verdict().silencedOutage())
            .map(o -> o.verdict().outageBackAt())
            .filter(Objects::nonNull)
            .sorted(Comparator.reverseOrder())
            .toList();
    // Still going on at t for goingOn observers and for every ended one whose devices came back after t:
    // below the quorum from the need-th latest return on.
    return back.size() < need ? null : back.get((int) need - 1);
  }

  /** The observers that could not be read. */
  public List<ObserverVerdict> unknown() {
    return observers.stream().filter(o -> !o.isKnown()).toList();
  }

  /** Whether judged observers disagree with one another. */
  public boolean disagreement() {
    return !agreeing.isEmpty() && !dissenting.isEmpty();
  }
}
