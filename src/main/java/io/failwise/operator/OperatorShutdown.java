package io.failwise.operator;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
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

  void onStop(@Observes ShutdownEvent event, Operator operator) {
    try {
      operator.stop();
    } catch (RuntimeException e) {
      LOG.debugf("operator stop on shutdown: %s", e.getMessage());
    }
  }
}
