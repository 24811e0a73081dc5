package io.failwise.cli;

/**
 * The configured API server cannot be reached (its port refuses connections): a failure, exit 1, not
 * input to fix. The kubeconfig may be right and the server down (an embedded world stopped, a
 * port-forward ended); the message says what to check.
 */
public class ApiServerUnreachable extends RuntimeException {
  public ApiServerUnreachable(String message) {
    super(message);
  }
}
