package io.failwise.testing;

import io.failwise.cli.EmbeddedMode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the embedded API server before Quarkus boots and points the Kubernetes client at it, as
 * {@code failwise run --embedded} does before its own boot; stops it when the application ends.
 */
public class EmbeddedServerResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    EmbeddedMode.start(0);
    return Map.of();
  }

  @Override
  public void stop() {
    EmbeddedMode.stop();
  }
}
