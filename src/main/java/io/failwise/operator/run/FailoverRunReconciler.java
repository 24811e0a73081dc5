package io.failwise.operator.run;

import io.failwise.operator.watch.Unreadable;
import io.failwise.api.FailoverRun;
import io.failwise.operator.FailwiseConfig;
import io.failwise.api.FailoverApproval;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import jakarta.inject.Inject;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Advances FailoverRuns. Thin: the run's state machine lives in its status and in {@link RunRunner};
 * this class only asks it to advance and schedules the next look. Status-only changes (abort) must
 * wake it, so events are not filtered by generation; so must a FailoverApproval naming the run. A
 * deleted run is undone before it goes ({@link RunDeletion}, whose finalizer every run carries).
 */
@ControllerConfiguration(name = "failoverrun", generationAwareEventProcessing = false, finalizerName = RunDeletion.FINALIZER)
public class FailoverRunReconciler implements Reconciler<FailoverRun>, Cleaner<FailoverRun> {
  private static final Logger LOG = Logger.getLogger(FailoverRunReconciler.class);
  private static final Duration SOONEST = Duration.ofMillis(200);
  private final RunRunner runner;
  private final Duration tick;

  @Inject
  public FailoverRunReconciler(RunRunner runner, FailwiseConfig config) {
    this(runner, config.runs().tickInterval());
  }

  public FailoverRunReconciler(RunRunner runner, Duration tick) {
    this.runner = runner;
    this.tick = tick;
  }

  @Override
  public List<EventSource<?, FailoverRun>> prepareEventSources(EventSourceContext<FailoverRun> context) {
    var approvals =
        InformerEventSourceConfiguration.from(FailoverApproval.class, FailoverRun.class)
            .withSecondaryToPrimaryMapper(
                (FailoverApproval a) -> a.getSpec() == null || a.getSpec().run == null
                    ? Set.of()
                    : Set.of(new ResourceID(a.getSpec().run, a.getMetadata().getNamespace())))
            .build();
    return List.of(new InformerEventSource<>(approvals, context));
  }

  @Override
  public UpdateControl<FailoverRun> reconcile(FailoverRun run, Context<FailoverRun> context) {
    if (Unreadable.isUnreadable(run)) {
      return UpdateControl.noUpdate(); // reported by UnreadableObjects; nothing to do until it is fixed
    }
    Optional<Duration> next;
    try {
      next = runner.advance(run.getMetadata().getNamespace(), run.getMetadata().getName());
    } catch (RuntimeException e) {
      next = Optional.of(afterFault(run, e));
    }
    UpdateControl<FailoverRun> control = UpdateControl.noUpdate();
    return next.map(d -> control.rescheduleAfter(soonest(d))).orElse(control);
  }

  /**
   * The run was deleted: it goes once it holds no cluster (aborted and undone, or ended and released);
   * until then the finalizer keeps the object and the run goes on being advanced here.
   */
  @Override
  public DeleteControl cleanup(FailoverRun run, Context<FailoverRun> context) {
    if (Unreadable.isUnreadable(run)) {
      // Nothing in it can be acted on (UnreadableObjects reports it): keeping it would only block the deletion.
      return DeleteControl.defaultDelete();
    }
    RunDeletion.Verdict verdict;
    try {
      verdict = runner.advanceDeleted(run.getMetadata().getNamespace(), run.getMetadata().getName());
    } catch (RuntimeException e) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(afterFault(run, e));
    }
    if (verdict.letGo()) {
      return DeleteControl.defaultDelete();
    }
    DeleteControl keep = DeleteControl.noFinalizerRemoval();
    return verdict.lookAgain() == null ? keep : keep.rescheduleAfter(soonest(verdict.lookAgain()));
  }

  private static Duration soonest(Duration d) {
    return d.compareTo(SOONEST) < 0 ? SOONEST : d;
  }

  /** When to try again after a pass that threw: the status still says where the run is. */
  private Duration afterFault(FailoverRun run, RuntimeException e) {
    if (interrupted(e) || io.failwise.operator.status.ReconcileFailure.controllerStopping()) {
      // The controller is stopping and cut this pass short (an interrupt, or its client closed under
      // the pass): the next controller (or this one, restarted) goes on from there. Not a fault to report.
      if (interrupted(e)) {
        Thread.currentThread().interrupt();
      }
      LOG.debugf("Run %s/%s: pass cut short by the controller stopping", run.getMetadata().getNamespace(), run.getMetadata().getName());
    } else {
      // A bug or an API server that does not answer.
      LOG.errorf(e, "Run %s/%s could not advance; trying again in %s", run.getMetadata().getNamespace(), run.getMetadata().getName(), tick);
    }
    return tick;
  }

  /**
   * Whether {@code e} comes from this thread being interrupted (the controller stopping), not from a
   * fault. A read timeout is an InterruptedIOException too, so only an InterruptedException in the
   * causes counts.
   */
  static boolean interrupted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }
}
