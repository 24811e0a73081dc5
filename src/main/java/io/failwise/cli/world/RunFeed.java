package io.failwise.cli.world;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.Format;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Tells the timeline how runs move: one line each time a run's phase, step or wave changes (a run
 * awaiting approval says, in its message, the command that approves it).
 */
final class RunFeed {
  private final KubernetesClient client;
  private final Timeline timeline;
  private final Map<String, String> last = new HashMap<>();

  RunFeed(KubernetesClient client, Timeline timeline) {
    this.client = client;
    this.timeline = timeline;
  }

  /** Prints what changed; returns whether a run waits for a person's approval. */
  boolean look(Instant now) {
    boolean awaiting = false;
    for (FailoverRun run : client.resources(FailoverRun.class).inAnyNamespace().list().getItems()) {
      FailoverRunStatus s = run.getStatus();
      if (s == null || s.phase == null) {
        continue;
      }
      awaiting |= "AwaitingApproval".equals(s.phase);
      String key = run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
      String state = s.phase + "|" + s.currentStep + "|" + s.currentWave;
      if (Objects.equals(last.put(key, state), state)) {
        continue;
      }
      timeline.failwise(now, describe(run));
    }
    return awaiting;
  }

  /** "Drill quarterly-drill-eu-west-1 (quarterly-drill on go-eu-west-1): Running, step shift, wave 2 (5%, 9,000 devices). ..." */
  static String describe(FailoverRun run) {
    FailoverRunStatus s = run.getStatus();
    String mode = run.getSpec() == null || run.getSpec().mode == null ? "Run" : run.getSpec().mode.name();
    StringBuilder sb = new StringBuilder(mode + " " + run.getMetadata().getName());
    if (run.getSpec() != null) {
      sb.append(" (").append(run.getSpec().playbook).append(" on ").append(run.getSpec().source).append(")");
    }
    sb.append(": ").append(s.phase);
    if (s.currentStep != null) {
      sb.append(", step ").append(s.currentStep);
    }
    if (s.currentWave != null && s.plan != null && s.plan.steps != null) {
      s.plan.steps.stream()
          .filter(p -> Objects.equals(p.name, s.currentStep) && p.waves != null && s.currentWave < p.waves.size())
          .findFirst()
          .ifPresent(p -> sb.append(", wave ").append(s.currentWave + 1).append(" (")
              .append(p.waves.get(s.currentWave).percent).append("%, ")
              .append(Format.count(p.waves.get(s.currentWave).devices)).append(" devices)"));
    }
    if (s.message != null && !s.message.isBlank()) {
      sb.append(". ").append(s.message);
    }
    return sb.toString();
  }
}
