package io.failwise.model.policy;

/** What may stop an automated failover, in the order they are checked. */
public enum Guard {
  INVALID_POLICY("InvalidPolicy", "the policy cannot create runs (its Ready condition says why)"),
  HALT("Halt", "the global halt is set"),
  FREEZE_WINDOW("FreezeWindow", "a freeze window is in force"),
  BUDGET("Budget", "the daily failover budget for this cluster is spent"),
  COOLDOWN("Cooldown", "this policy started a run for this cluster within its cooldown"),
  RUN_IN_PROGRESS("RunInProgress", "another run on this cluster is in progress"),
  RUN_AWAITS_RESOLVE("RunAwaitsResolve", "a run on this cluster ended Failed and holds it until a person resolves it"),
  /** Not checked with the others: the policy's own run for this outage, found first, ended short of its purpose. */
  RUN_ENDED("RunEnded", "the run this policy created for this outage ended without completing (a policy does not retry an outage)");

  private final String reason;
  private final String sentence;

  Guard(String reason, String sentence) {
    this.reason = reason;
    this.sentence = sentence;
  }

  /** CamelCase, for status and events. */
  public String reason() {
    return reason;
  }

  /** Lower-case clause for an explanation: "blocked: the global halt is set". */
  public String sentence() {
    return sentence;
  }
}
