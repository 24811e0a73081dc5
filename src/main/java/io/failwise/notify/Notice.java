package io.failwise.notify;

import java.time.Instant;

/**
 * Something a person should hear about: a policy's decision, or a run that waits for an approval,
 * fired a stop condition or rolls back. What a notification says, whatever the channel.
 *
 * @param kind what happened
 * @param resource the Failwise resource it is about, e.g. {@code FailoverRun failwise/incident}
 * @param title one line
 * @param text the controller's own sentence (the decision's explanation, the run's message)
 * @param command what to type next, or null
 */
public record Notice(Kind kind, String resource, String title, String text, String command, Instant at) {
  /** The kinds a channel subscribes to, by their names in the settings. */
  public enum Kind {
    DECISION("decisions"),
    APPROVAL_AWAITED("approvals"),
    STOP_CONDITION("stop-conditions"),
    ROLLBACK("rollbacks"),
    HALT("halts"),
    PAUSE("pauses");

    private final String setting;

    Kind(String setting) {
      this.setting = setting;
    }

    public String setting() {
      return setting;
    }
  }
}
