package io.failwise.operator;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses, as the application starts, every setting the domain judges ({@link SettingsRefusal#check}):
 * the objects that read some of them are built at first use, so a bad freeze window used to start a
 * controller that reported UP while every policy failed to reconcile. The refusal is one line naming
 * the setting; {@code failwise} exits 2.
 */
@ApplicationScoped
public class SettingsAtStart {
  void check(@Observes @Priority(1) StartupEvent event, FailwiseConfig config) {
    SettingsRefusal.check(config);
  }
}
