package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.cli.UserInputException;
import io.failwise.operator.run.RunActionRefused;
import java.util.function.Supplier;

/** Shared by the commands that act on runs: the namespace, who acts, and refusals as bad input (exit 2). */
final class RunActions {
  private RunActions() {}

  static String namespace(KubernetesClient client, String namespace) {
    return io.failwise.cli.Namespaces.effective(client, namespace);
  }

  /** Who a person is, for approvals, aborts and the halt: --as, else the login name. */
  static String who(String as) {
    return as != null && !as.isBlank() ? as : System.getProperty("user.name", "unknown");
  }

  /**
   * When a person acts, by the controller's clock: the embedded world's simulated clock when it
   * publishes one (in the control namespace), else the wall clock, as on a real cluster.
   */
  static java.time.Instant now(KubernetesClient client, String controlNamespace) {
    return io.failwise.cli.world.WorldClock.controllerClock(client, controlNamespace, java.time.Clock.systemUTC()).instant();
  }

  static <T> T refusedIsBadInput(Supplier<T> action) {
    try {
      return action.get();
    } catch (RunActionRefused e) {
      throw new UserInputException(e.getMessage());
    }
  }
}
