package io.failwise.cli;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Closes the embedded API server at shutdown after the observers that stop the controller (the operator
 * SDK's, at the default priority, and ours): a later priority runs later.
 */
@ApplicationScoped
public class EmbeddedServerStop {
  void onStart(@Observes io.quarkus.runtime.StartupEvent event) {
    EmbeddedMode.quarkusStarted();
  }

  void onStop(@Observes @Priority(100_000) ShutdownEvent event) {
    EmbeddedMode.closeAfterTheController();
  }
}
