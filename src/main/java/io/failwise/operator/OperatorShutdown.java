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
}
