package io.failwise.operator;

import io.failwise.operator.status.ReconcileFailure;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Stops the operator with the application. With picocli the commands start it themselves, so without
 * this its informers and reconcilers would outlive the CDI container they use.
 */
@ApplicationScoped
public class OperatorShutdown {
  private static final Logger LOG = Logger.getLogger(OperatorShutdown.class);

  void onStart(@Observes StartupEvent event) {
    ReconcileFailure.markStopping(false);
    quietOnceStopping();
  }

  /**
   * Once the stop has begun, an exception that escapes a thread (the operator's reconciler pool finds its
   * informers stopped under it: JOSDK's InformerManager.lastSyncResourceVersion, "No value present") is
   * the stop's, logged at DEBUG; before, it is printed as it always was. Ctrl-C on run --embedded printed
   * "Exception in thread "pool-18-thread-34" java.util.NoSuchElementException" with its stack trace, once
   * in a few stops (EmbeddedStopJarIT).
   */
  static void quietOnceStopping() {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    if (before instanceof QuietOnceStopping) {
      return;
    }
    Thread.setDefaultUncaughtExceptionHandler(new QuietOnceStopping(before));
  }

  /** The handler of {@link #quietOnceStopping}: the one before it (or the JDK's printing) until the stop. */
  record QuietOnceStopping(Thread.UncaughtExceptionHandler before) implements Thread.UncaughtExceptionHandler {
    @Override
    public void uncaughtException(Thread t, Throwable e) {
      if (ReconcileFailure.controllerStopping()) {
        LOG.debugf("%s ended with %s while the controller stopped", t.getName(), e);
      } else if (before != null) {
        before.uncaughtException(t, e);
      } else {
        // What the JDK prints (ThreadGroup.uncaughtException would ask the default handler, this one, again).
        System.err.print("Exception in thread \"" + t.getName() + "\" ");
        e.printStackTrace(System.err);
      }
    }
  }

  /**
   * First of the shutdown: from here on a reconcile that fails is the stop's doing (the operator closes
   * its client under requests in flight); Ctrl-C printed "Cluster ... could not be reconciled:
   * Connection was closed" with its stack trace, and the reconciler tried to write ReconcileFailed.
   */
  void stopping(@Observes @Priority(1) ShutdownEvent event) {
    ReconcileFailure.markStopping(true);
  }

  void onStop(@Observes ShutdownEvent event, Operator operator) {
    try {
      operator.stop();
    } catch (RuntimeException e) {
      LOG.debugf("operator stop on shutdown: %s", e.getMessage());
    }
  }

  /**
   * Stops the controller before the application stops, as the demo, bench scale and run --exit-after
   * do when they end: marked as stopping first, as the shutdown does, since the operator closes its
   * client under reconciles still in flight. The demo's drill run was cut mid-pass once in many runs and
   * logged "Run ... could not advance ... Client is closed" with its stack trace.
   */
  public static void stopNow(Operator operator) {
    stopNow(operator::stop);
  }

  /** {@link #stopNow(Operator)} with the stop itself given: what the test drives. */
  static void stopNow(Runnable stop) {
    ReconcileFailure.markStopping(true);
    stop.run();
  }
}
