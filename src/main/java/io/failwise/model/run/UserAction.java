package io.failwise.model.run;

/** What a person can ask of one run from the command line. */
public enum UserAction {
  /** Let the run pass the approval step it waits at. */
  APPROVE,
  /** Stop the run and undo what it did, newest step first. */
  ABORT,
  /**
   * Say that a Failed run's routing is back in hand (a person finished by hand what the run could not):
   * its source and target, held since it failed, are free for other runs again.
   */
  RESOLVE;

  /** The verb a person typed, for messages. */
  public String verb() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
