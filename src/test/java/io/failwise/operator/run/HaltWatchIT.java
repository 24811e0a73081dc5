package io.failwise.operator.run;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.testing.ControllerOnTestServer;
import io.failwise.testing.TestOperator;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * `failwise halt` and `failwise resume` against the running controller: each is an Event on the halt
 * ConfigMap, as the controller's watch of its control namespace sees the ConfigMap come and go (the
 * notice beside it is HaltWatchTest's).
 */
@QuarkusTest
@TestProfile(ControllerOnTestServer.class)
class HaltWatchIT {
  @Inject Operator operator;
  @Inject HaltWatch watch;
  @Inject HaltSwitch halt;
  @Inject KubernetesClient client;

  private boolean said(String reason, String words) {
    return client.v1().events().inNamespace(halt.namespace()).list().getItems().stream()
        .map(Event.class::cast)
        .anyMatch(e -> reason.equals(e.getReason()) && e.getMessage().contains(words) && HaltSwitch.NAME.equals(e.getInvolvedObject().getName()));
  }

  @Test
  void aHaltAndItsResumeAreSaidOnTheHaltConfigMap() {
    TestOperator.ensureStarted(operator);
    watch.start();
    try {
      halt.halt("alice", "game day");
      await().atMost(Duration.ofSeconds(20)).until(() -> said("Halted", "Failwise is halted by alice since "));
    } finally {
      halt.resume();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> said("Resumed", "Failwise is resumed: the halt by alice since "));
  }
}
