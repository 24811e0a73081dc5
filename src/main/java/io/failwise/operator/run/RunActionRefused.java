package io.failwise.operator.run;

/** A person asked a run for something its phase does not accept; the message says why and what to do. */
public class RunActionRefused extends RuntimeException {
  public RunActionRefused(String message) {
    super(message);
  }
}
