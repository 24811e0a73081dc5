package io.failwise.model.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Decides whether a policy should decide now, based on detection and what it decided before. */
public final class PolicyTrigger {
  /** What the policy does for one cluster in this pass. */
  public enum Next {
    /** Nothing new: keep the decision on record. */
    WAIT,
    /** Run the estimator and record a decision. */
    DECIDE,
    /** The outage it decided on is over: record the recovery and stop watching. */
    RECOVERED,
    /**
     * A maintenance window (failwise silence) silences the outage it decided on: record that it stops
     * deciding while silenced, and keep watching (the outage has not ended).
     */
    SILENCED,
    /**
     * The counts of a cluster whose outage it decided on cannot be read (the signal is Unknown) for
     * {@link #SIGNAL_LOST_AFTER}: record that it cannot decide, so that its last decision does not look
     * current, and keep watching (an unknown signal is no recovery).
     */
    SIGNAL_LOST
  }

  /** Why the policy decides, for the decision's record. */
  public enum Why {
    FIRST_DECISION,
    NEW_OUTAGE,
    SCHEDULED,
    MATERIAL_CHANGE,
    /** The window that silenced the outage it decided on ended, and the same outage goes on. */
    RESUMED,
    /** The counts of the cluster can be read again after the policy recorded their loss, and the outage goes on. */
    SIGNAL_RETURNED,
    /**
     * The global halt that blocked the last decision was lifted: a halt ends when a person says so, not at
     * a time the decision could name, so the policy decides again at once rather than at its next schedule.
     */
    HALT_LIFTED
  }

  /**
   * How long a watched cluster's signal stays unknown before the policy records that it cannot decide:
   * long enough that one failed read or a Prometheus restart says nothing (the cluster's Ready condition
   * says it at once), short enough to be heard before the next scheduled decision is missed.
   */
  public static final Duration SIGNAL_LOST_AFTER = Duration.ofMinutes(2);

  /** The outcome with its reason (null unless DECIDE). */
  public record Verdict(Next next, Why why) {}

  private PolicyTrigger() {}

  /**
   * What to do for one cluster now. {@code trigger.outageForSeconds} is counted from when the Outage
   * condition turned true ({@link ClusterSituation#holdOffFrom()}), not from the estimated onset (which
   * detection dates back to the change point, minutes earlier); an outage the policy has decided on is
   * not held off again when its condition turns true once more (after a silence, or a signal lost for a
   * while). A silenced outage is not a recovery.
   */
  public static Verdict evaluate(ClusterSituation s, TriggerSettings t, Optional<WatchState> watch, Instant now) {
    if (!s.signalKnown()) {
      // Neither a recovery nor a reason to act: for an outage decided on, say once that no decision comes
      // while the counts cannot be read, after a grace that lets one failed read pass.
      return new Verdict(signalLostToSay(s, watch, now) ? Next.SIGNAL_LOST : Next.WAIT, null);
    }
    if (s.silenced()) {
      // Not over, only silenced: say so once for an outage decided on; nothing to decide until the window ends.
      return new Verdict(watch.isPresent() && !watch.get().silenced() ? Next.SILENCED : Next.WAIT, null);
    }
    if (!s.outage()) {
      return new Verdict(watch.isPresent() ? Next.RECOVERED : Next.WAIT, null);
    }
    if (s.devicesAway()) {
      // A run is moving the devices out (or they settle after it): its counts say nothing of the outage, and
      // the run is what acts on it. The policy decides again once they are back.
      return new Verdict(Next.WAIT, null);
    }
    if (s.offlineDevices() < t.minOfflineDevices()) {
      return new Verdict(Next.WAIT, null);
    }
    // After a lost signal, whether the outage ended in between is not known: the one that shows is the one
    // decided on (detection may date it anew), decided on again at once.
    boolean decidedOnThisOutage = watch.isPresent() && (watch.get().signalLost() || !newOutage(s, watch.get()));
    if (!decidedOnThisOutage && s.holdOffFrom() != null && now.isBefore(plus(s.holdOffFrom(), t.outageFor()))) {
      return new Verdict(Next.WAIT, null);
    }
    if (watch.isEmpty()) {
      return new Verdict(Next.DECIDE, Why.FIRST_DECISION);
    }
    WatchState w = watch.get();
    if (!decidedOnThisOutage) {
      return new Verdict(Next.DECIDE, Why.NEW_OUTAGE);
    }
    if (w.silenced()) {
      return new Verdict(Next.DECIDE, Why.RESUMED);
    }
    if (w.signalLost()) {
      return new Verdict(Next.DECIDE, Why.SIGNAL_RETURNED);
    }
    if (w.reevaluateAt() != null && !now.isBefore(w.reevaluateAt())) {
      return new Verdict(Next.DECIDE, Why.SCHEDULED);
    }
    double base = Math.max(1, w.offlineDevicesAtDecision());
    if (Math.abs(s.offlineDevices() - w.offlineDevicesAtDecision()) / base > t.materialChange()) {
      return new Verdict(Next.DECIDE, Why.MATERIAL_CHANGE);
    }
    return new Verdict(Next.WAIT, null);
  }

  private static boolean signalLostToSay(ClusterSituation s, Optional<WatchState> watch, Instant now) {
    return watch.isPresent() && !watch.get().signalLost() && !now.isBefore(signalLostToSayAt(s));
  }

  /** When an unknown signal is said: {@link #SIGNAL_LOST_AFTER} after it was lost, or at once when that time is not known. */
  private static Instant signalLostToSayAt(ClusterSituation s) {
    return s.signalLostSince() == null ? Instant.MIN : plus(s.signalLostSince(), SIGNAL_LOST_AFTER);
  }

  /** Whether the outage now is another than the one the policy decided on (another onset). */
  private static boolean newOutage(ClusterSituation s, WatchState w) {
    return s.outageSince() != null && w.outageSince() != null && !s.outageSince().equals(w.outageSince());
  }

  /**
   * When the policy decides again on schedule after deciding at {@code decidedAt}: at the time the
   * decision named ({@code reevaluateAt}), but never sooner than {@code soonest} after it. During a rise
   * an estimate names the end of its own wait step or its flip, seconds away, so that a person looks
   * again in time; a policy that re-decided on each would record a decision (an Event, a notification)
   * every step while the readings still show the rise after the count has levelled off. It re-decides
   * sooner anyway when the count moves by its material change, which is how a rise that goes on is
   * caught.
   */
  public static Instant scheduledAt(Instant decidedAt, Instant reevaluateAt, Duration soonest) {
    Instant earliest = plus(decidedAt, soonest);
    return reevaluateAt.isBefore(earliest) ? earliest : reevaluateAt;
  }

  /**
   * {@code t + d}, or the latest (earliest) representable instant when the sum is past it: a trigger
   * time that far away is "never", not an ArithmeticException in every reconcile.
   */
  static Instant plus(Instant t, Duration d) {
    try {
      return t.plus(d);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return d.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }

  /** The duration from {@code a} to {@code b}, saturated at the longest Duration instead of overflowing. */
  static Duration between(Instant a, Instant b) {
    try {
      return Duration.between(a, b);
    } catch (ArithmeticException e) {
      return b.isAfter(a) ? Duration.ofSeconds(Long.MAX_VALUE) : Duration.ofSeconds(Long.MIN_VALUE);
    }
  }

  /** How long until this cluster needs another look, at most {@code poll}. */
  public static Duration untilNextLook(ClusterSituation s, TriggerSettings t, Optional<WatchState> watch, Instant now, Duration poll) {
    Duration next = poll;
    if (!s.signalKnown() && watch.isPresent() && !watch.get().signalLost() && s.signalLostSince() != null) {
      next = sooner(next, between(now, signalLostToSayAt(s)));
    }
    if (s.outage() && s.holdOffFrom() != null) {
      next = sooner(next, between(now, plus(s.holdOffFrom(), t.outageFor())));
    }
    if (watch.isPresent() && watch.get().reevaluateAt() != null) {
      next = sooner(next, between(now, watch.get().reevaluateAt()));
    }
    return next.isZero() ? Duration.ofMillis(100) : next;
  }

  /** {@code until} when it is still ahead and sooner than {@code next}; else {@code next}. */
  private static Duration sooner(Duration next, Duration until) {
    return !until.isNegative() && until.compareTo(next) < 0 ? until : next;
  }
}
