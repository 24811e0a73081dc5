package io.failwise.signals.prometheus;

/**
 * A query that gave no usable answer, with the CamelCase reason the Cluster's status shows.
 * {@code retryable} says whether asking again may help (the server was away or overloaded) or not
 * (the query itself is wrong).
 */
public class PrometheusQueryException extends Exception {
  public static final String UNREACHABLE = "Unreachable";
  public static final String BAD_RESPONSE = "BadResponse";
  public static final String EMPTY_RESULT = "EmptyResult";

  private final String reason;
  private final boolean retryable;

  public PrometheusQueryException(String reason, String message, boolean retryable) {
    super(message);
    this.reason = reason;
    this.retryable = retryable;
  }

  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return retryable;
  }
}
