package io.failwise.execution;

/**
 * An action could not be done; the message is a sentence for the run's status. A retryable failure
 * (the API server did not answer) is tried again a few times before the step fails; others (an
 * object that does not exist, a webhook that already used its attempts) fail the step at once.
 */
public class ActionException extends RuntimeException {
  private final boolean retryable;

  public ActionException(String message) {
    this(message, null, false);
  }

  public ActionException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public ActionException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
