package io.failwise.execution;

/** An action could not be done; the message is a sentence for the run's status. */
public class ActionException extends RuntimeException {
  public ActionException(String message) {
    super(message);
  }

  public ActionException(String message, Throwable cause) {
    super(message, cause);
  }
}
