package io.failwise.notify;

import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Which changes are worth a person's attention, and the notice for each. No I/O. */
public final class Notices {
  private Notices() {}

  /** A decision a policy recorded (not a recovery: that ends the story the decisions told). */
  public static Notice ofDecision(FailoverPolicy policy, FailoverPolicyStatus.Decision d, Instant at) {
    String ref = policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
    String title = "SignalLost".equals(d.action)
        ? "Policy " + ref + " stopped deciding for " + d.cluster + ": its device counts cannot be read"
        : "Policy " + ref + " decided " + d.recommendation + " for " + d.cluster + " (" + d.action
            + (d.blockedBy == null ? "" : ", blocked by " + d.blockedBy) + ")";
    String command = d.run != null && "Staged".equals(d.action)
        ? "failwise approve " + d.run + " -n " + policy.getMetadata().getNamespace()
        : "failwise decisions " + policy.getMetadata().getName() + " -n " + policy.getMetadata().getNamespace();
    String body = d.turnsWith == null ? d.explanation : d.explanation + " Turns with: " + d.turnsWith + ".";
    return new Notice(Notice.Kind.DECISION, "FailoverPolicy " + ref, title, body, command, at);
  }

  /**
   * The global halt was set: every executing run pauses before its next side effect and no new one
   * starts, whatever the policies decide. The people paged hear who pulled it and why ({@code described}:
   * "by alice since 2026-03-12T21:40:00Z (game day)"), and how to lift it.
   */
  public static Notice ofHalt(String described, String configMap, Instant at) {
    return new Notice(Notice.Kind.HALT, "ConfigMap " + configMap, "Failwise is halted " + described,
        "No run moves until the halt is lifted: executing runs pause before their next side effect, new runs wait, and rollbacks"
            + " already under way go on. Policies go on deciding; what they would start waits.",
        "failwise resume", at);
  }

  /** The global halt was lifted: runs go on from where they paused. */
  public static Notice ofResume(String described, String configMap, Instant at) {
    return new Notice(Notice.Kind.HALT, "ConfigMap " + configMap, "Failwise is resumed: the halt " + described + " is lifted",
        "Runs that paused go on from where they stopped, and runs that waited start.", "failwise runs", at);
  }

  /**
   * Whether decision {@code next} is news to the people paged, given the policy's decisions before it
   * ({@code before}, newest first, as the status keeps them). A decision is told when it is the first on
   * its cluster's outage, when its answer differs from the decision before it (the recommendation, the
   * target, the action, what blocks it, its run), or when the answer has stood unchanged for
   * {@code repeat} since it was last told. A policy re-decides every 15 minutes and whenever the count
   * moves: without this, a HOLD blocked by a spent budget was posted again at every look. A zero
   * {@code repeat} tells every decision. Which decisions were told is replayed from the record itself,
   * so a controller that restarts or changes leader tells no more and no less.
   */
  public static boolean isNews(List<FailoverPolicyStatus.Decision> before, FailoverPolicyStatus.Decision next, Duration repeat) {
    List<FailoverPolicyStatus.Decision> story = before.stream().filter(d -> sameOutage(d, next)).toList();
    FailoverPolicyStatus.Decision last = null;
    Instant told = null;
    for (int i = story.size() - 1; i >= 0; i--) { // oldest first
      FailoverPolicyStatus.Decision d = story.get(i);
      if (tells(last, told, d, repeat)) {
        told = time(d);
      }
      last = d;
    }
    return tells(last, told, next, repeat);
  }

  private static boolean tells(FailoverPolicyStatus.Decision last, Instant told, FailoverPolicyStatus.Decision d, Duration repeat) {
    Instant at = time(d);
    return last == null || told == null || at == null || !sameAnswer(last, d) || !at.isBefore(told.plus(repeat));
  }

  private static boolean sameOutage(FailoverPolicyStatus.Decision a, FailoverPolicyStatus.Decision b) {
    return Objects.equals(a.cluster, b.cluster) && Objects.equals(a.outageSince, b.outageSince);
  }

  private static boolean sameAnswer(FailoverPolicyStatus.Decision a, FailoverPolicyStatus.Decision b) {
    return Objects.equals(a.recommendation, b.recommendation) && Objects.equals(a.target, b.target) && Objects.equals(a.action, b.action)
        && Objects.equals(a.blockedBy, b.blockedBy) && Objects.equals(a.run, b.run);
  }

  private static Instant time(FailoverPolicyStatus.Decision d) {
    try {
      return d.time == null ? null : Instant.parse(d.time);
    } catch (java.time.format.DateTimeParseException e) {
      return null; // a record edited by hand: told, rather than kept quiet on a guess
    }
  }

  /** The reason of a run that waits for its source to be healthy (a failback before or between its waves). */
  static final String WAITING_FOR_SOURCE = "WaitingForSource";

  /** How many waves of the run's failback were applied. */
  private static int failbackWaves(FailoverRunStatus s) {
    return s.steps == null ? 0 : s.steps.stream()
        .filter(st -> "Failback".equals(st.kind) && st.wavesAppliedAt != null)
        .mapToInt(st -> st.wavesAppliedAt.size())
        .sum();
  }

  /**
   * The notice for a run about to get status {@code next}, if its phase changes to one that needs a
   * person: waiting for an approval, a stop condition fired, a rollback begun or ended; or, its phase
   * unchanged, if it starts waiting for a Cluster it holds that was deleted under it, or its failback stops
   * with devices sent home to a source that is not healthy.
   */
  public static Optional<Notice> ofRun(FailoverRun run, FailoverRunStatus next, Instant at) {
    String before = run.getStatus() == null ? null : run.getStatus().phase;
    String ns = run.getMetadata().getNamespace();
    String name = run.getMetadata().getName();
    String resource = "FailoverRun " + ns + "/" + name;
    String what = (run.getSpec() == null ? "Run" : run.getSpec().mode + " " + name) + " of " + (run.getSpec() == null ? "?" : run.getSpec().source);
    if (next.phase == null || Objects.equals(before, next.phase)) {
      // A run that stops before its next wave (or, every device home, before judging its source) because a
      // Cluster it holds was deleted (or cannot be read) stays Running, and stuck, until a person acts.
      String reasonBefore = run.getStatus() == null ? null : run.getStatus().reason;
      boolean paused = FailoverRunStatus.WAITING_FOR_CLUSTER.equals(next.reason) && !FailoverRunStatus.WAITING_FOR_CLUSTER.equals(reasonBefore);
      if (paused) {
        return Optional.of(new Notice(Notice.Kind.PAUSE, resource, what + " is paused: a Cluster it holds is gone or cannot be read", next.message,
            "failwise abort " + name + " -n " + ns, at));
      }
      // A failback that sent devices home to a source that is not healthy: they stay there, offline while its
      // outage lasts. An outside pass found it in the run's status only: no Event, no notice, and a report that
      // went from the wave to the next as if nothing had happened.
      boolean homeIntoOutage = WAITING_FOR_SOURCE.equals(next.reason) && !WAITING_FOR_SOURCE.equals(reasonBefore) && failbackWaves(next) > 0;
      return homeIntoOutage
          ? Optional.of(new Notice(Notice.Kind.PAUSE, resource, what + ": failback paused, devices it sent home are on a source that is not"
              + " healthy", next.message, "failwise report " + name + " -n " + ns, at))
          : Optional.empty();
    }
    Optional<RunPhase> phase = RunPhase.parse(next.phase);
    if (phase.isEmpty()) {
      return Optional.empty();
    }
    return switch (phase.get()) {
      case AWAITING_APPROVAL -> Optional.of(new Notice(Notice.Kind.APPROVAL_AWAITED, resource, what + " waits for approval of step "
          + next.currentStep, next.message, "failwise approve " + name + " -n " + ns, at));
      case ROLLING_BACK -> Optional.of("StopCondition".equals(next.reason)
          ? new Notice(Notice.Kind.STOP_CONDITION, resource, what + ": a stop condition fired, rolling back", next.message, "failwise report " + name + " -n " + ns, at)
          : new Notice(Notice.Kind.ROLLBACK, resource, what + " is rolling back (" + next.reason + ")", next.message, "failwise runs -n " + ns, at));
      case ROLLED_BACK, FAILED -> Optional.of(new Notice(Notice.Kind.ROLLBACK, resource, what + " " + phase.get().displayName(), next.message,
          "failwise report " + name + " -n " + ns, at));
      default -> Optional.empty();
    };
  }
}
