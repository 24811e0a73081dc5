package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.RunPhase;
import io.failwise.operator.status.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Set;

/** Records a Kubernetes Event on each phase change of a run: a warning when it stops, halts or fails. */
@ApplicationScoped
public class RunEvents implements RunListener {
  private static final Set<RunPhase> WARNINGS =
      Set.of(RunPhase.REFUSED, RunPhase.HALTED, RunPhase.ROLLING_BACK, RunPhase.FAILED, RunPhase.AWAITING_APPROVAL);
  private static final Set<RunPhase> ENDINGS = Set.of(RunPhase.ROLLED_BACK, RunPhase.FAILED, RunPhase.ABORTED);
  private final EventRecorder events;
  private io.failwise.notify.Notifier notifier;
  private final RunCalibration calibration;

  public RunEvents(EventRecorder events) {
    this(events, RunCalibration.NONE);
  }

  /** Also records what each finished Drill or Failover run measured in its source's status.calibration. */
  @jakarta.inject.Inject
  public RunEvents(EventRecorder events, RunCalibration calibration) {
    this.events = events;
    this.calibration = calibration;
  }

  /** Also posts the changes that need a person (approval awaited, stop condition, rollback) to the notification channels. */
  @jakarta.inject.Inject
  public void notifyWith(io.failwise.notify.Notifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public void deletionWaits(FailoverRun run, String message) {
    events.warning(run, "DeletionWaitsForResolve", message);
  }

  @Override
  public void beforeWrite(FailoverRun run, FailoverRunStatus next) {
    calibration.beforeWrite(run, next);
    String before = run.getStatus() == null ? null : run.getStatus().phase;
    if (Objects.equals(before, next.phase) || next.phase == null) {
      // A running run that waits because a Cluster it holds was deleted (or cannot be read): the phase stays, but whoever
      // deleted it (or watches Events and the channels) must hear why the waves stopped. The notice
      // of a run whose phase stays is that one only (Notices.ofRun).
      io.failwise.notify.Notices.ofRun(run, next, java.time.Instant.now()).ifPresent(paused -> {
        events.warning(run, next.reason, next.message);
        if (notifier != null) {
          notifier.post(paused);
        }
      });
      return;
    }
    RunPhase phase = RunPhase.parse(next.phase).orElse(RunPhase.PENDING);
    // An ending after a cause is its own Event: RolledBack, Failed or Aborted, the cause in its message.
    // It once repeated the cause's reason ("Warning StopCondition ... Rolling back", then "Normal
    // StopCondition ... Every step that ran was undone"), and a Normal PrecheckFailed read as a success.
    String reason = ENDINGS.contains(phase) || next.reason == null ? next.phase : next.reason;
    // A run that cannot start as written waits for a person to fix it: a warning, as for a Cluster's InvalidSpec.
    if (WARNINGS.contains(phase) || (phase == RunPhase.PENDING && "InvalidSpec".equals(next.reason))) {
      events.warning(run, reason, next.message);
    } else {
      events.normal(run, reason, next.message);
    }
    if (notifier != null) {
      io.failwise.notify.Notices.ofRun(run, next, java.time.Instant.now()).ifPresent(notifier::post);
    }
  }
}
