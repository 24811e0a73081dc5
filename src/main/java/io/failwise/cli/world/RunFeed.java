package io.failwise.cli.world;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.operator.run.RunStatuses;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells the timeline how runs move: one line each time a run's phase, step or wave changes, or a
 * pending run's reason to wait (a run awaiting approval says, in its message, the command that
 * approves it).
 */
final class RunFeed {
  private final KubernetesClient client;
  private final Timeline timeline;
  private final Map<String, String> last = new HashMap<>();
  /** The last line printed for each run: a wave's intent and its application say the same, once. */
  private final Map<String, String> printed = new HashMap<>();

  RunFeed(KubernetesClient client, Timeline timeline) {
    this.client = client;
    this.timeline = timeline;
  }

  /** Prints what changed; returns whether a run waits for a person's approval. */
  boolean look(Instant now) {
    boolean awaiting = false;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (FailoverRun run : client.resources(FailoverRun.class).inAnyNamespace().list().getItems()) {
      FailoverRunStatus s = run.getStatus();
      String key = run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
      seen.add(key);
      if (s == null || s.phase == null) {
        continue;
      }
      awaiting |= "AwaitingApproval".equals(s.phase);
      String state = state(s);
      if (Objects.equals(last.put(key, state), state)) {
        continue;
      }
      String line = describe(run);
      if (!Objects.equals(printed.put(key, line), line)) {
        timeline.failwise(now, FleetObserver.inZone(timeline, line, now));
      }
    }
    for (var it = last.entrySet().iterator(); it.hasNext(); ) {
      var was = it.next();
      if (!seen.contains(was.getKey())) {
        it.remove();
        printed.remove(was.getKey());
        timeline.failwise(now, gone(was.getKey(), was.getValue()));
      }
    }
    return awaiting;
  }

  /**
   * The line for a run that is gone: deleted, and let go by the controller once undone (a deleted run is
   * aborted first), often between two looks, so its last line may say Running while its end is in its
   * Events. {@code state}: the last {@link #state} printed.
   */
  static String gone(String key, String state) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    String name = key.substring(slash + 1);
    return "Run " + name + " was deleted (last seen " + state.split("\\|", 2)[0] + "); how it ended: `kubectl get events -n " + ns
        + " --field-selector involvedObject.name=" + name + "`.";
  }

  /**
   * What a line is printed for when it changes: the phase, step and wave, and the waves applied (a step's
   * first wave is its current wave from the step's start, so the line for its start hid the line for the
   * wave when they came at different looks); and for a waiting run why it waits, which changes (held by a
   * run, then settling after it), as does a failback that waits for its source or pauses after a wave
   * that found it down, and a run whose source or target Cluster was deleted under it.
   */
  static String state(FailoverRunStatus s) {
    boolean waits = "Pending".equals(s.phase) || "WaitingForSource".equals(s.reason) || FailoverRunStatus.WAITING_FOR_CLUSTER.equals(s.reason);
    return s.phase + "|" + s.currentStep + "|" + s.currentWave + "|" + RunStatuses.wavesApplied(s) + (waits ? "|" + s.reason + "|" + s.message : "");
  }

  /**
   * "Drill quarterly-drill-eu-west-1 (quarterly-drill on go-eu-west-1): Running. Step shift, wave 1 of 2:
   * 1,800 devices to go-eu-north-1, 1,800 there in all." The run's message says which wave it applies
   * (status.currentWave is 1-based: the wave being applied, not the next one); a message that does not
   * name the step gets the step, and the wave in the same words, before it.
   */
  static String describe(FailoverRun run) {
    FailoverRunStatus s = run.getStatus();
    String mode = run.getSpec() == null || run.getSpec().mode == null ? "Run" : run.getSpec().mode.name();
    StringBuilder sb = new StringBuilder(mode + " " + run.getMetadata().getName());
    if (run.getSpec() != null) {
      sb.append(" (").append(run.getSpec().playbook).append(" on ").append(run.getSpec().source).append(")");
    }
    sb.append(": ").append(s.phase);
    boolean messageNamesStep = s.message != null && s.currentStep != null && s.message.startsWith("Step " + s.currentStep);
    if (s.currentStep != null && !messageNamesStep) {
      sb.append(", step ").append(s.currentStep);
      wave(s).ifPresent(w -> sb.append(", ").append(w));
    }
    if (s.message != null && !s.message.isBlank()) {
      sb.append(". ").append(s.message);
    }
    return sb.toString();
  }

  /** "wave 1 of 2: 1,800 devices to B, 1,800 there in all" for the current wave, if the step has waves. */
  private static Optional<String> wave(FailoverRunStatus s) {
    if (s.currentWave == null || s.plan == null || s.plan.steps == null) {
      return Optional.empty();
    }
    return s.plan.steps.stream()
        .filter(p -> Objects.equals(p.name, s.currentStep) && p.waves != null && s.currentWave >= 1 && s.currentWave <= p.waves.size())
        .findFirst()
        .map(p -> RunStatuses.wave(p, s.currentWave - 1, s.plan.source, s.plan.target));
  }
}
