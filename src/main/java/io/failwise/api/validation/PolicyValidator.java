package io.failwise.api.validation;

import io.failwise.api.FailoverPolicySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the bounds of a FailoverPolicy's numbers that the CRD schema also states. The embedded API
 * server enforces the schema, but an object stored under an older schema, or written where none is
 * enforced, still reaches the controller: with these out of bounds it would decide on times that
 * cannot be computed.
 */
public final class PolicyValidator {
  private PolicyValidator() {}

  public static List<Problem> bounds(FailoverPolicySpec spec) {
    List<Problem> problems = new ArrayList<>();
    if (spec == null) {
      return problems;
    }
    range("spec.cooldownSeconds", spec.cooldownSeconds, 0, FailoverPolicySpec.MAX_COOLDOWN_SECONDS, "a week", problems);
    if (spec.trigger != null) {
      range("spec.trigger.outageForSeconds", spec.trigger.outageForSeconds, 0, FailoverPolicySpec.MAX_OUTAGE_FOR_SECONDS, "a day", problems);
      // No cluster holds more than PlausibleCounts.MAX_DEVICES: a larger minimum is a policy that can never act.
      range("spec.trigger.minOfflineDevices", spec.trigger.minOfflineDevices, 0, io.failwise.model.detect.PlausibleCounts.MAX_DEVICES,
          "more devices than any cluster holds", problems);
      Double change = spec.trigger.materialChange;
      if (change != null && !(change >= 0 && change <= 1)) {
        problems.add(new Problem("spec.trigger.materialChange", "must be from 0 to 1, got " + change));
      }
    }
    if (spec.decisionsKept != null && (spec.decisionsKept < 1 || spec.decisionsKept > 100)) {
      problems.add(new Problem("spec.decisionsKept", "must be from 1 to 100, got " + spec.decisionsKept));
    }
    return problems;
  }

  private static void range(String field, Long value, long min, long max, String maxInWords, List<Problem> out) {
    if (value != null && (value < min || value > max)) {
      out.add(new Problem(field, "must be from " + min + " to " + String.format(java.util.Locale.ROOT, "%,d", max) + " (" + maxInWords + "), got " + value));
    }
  }
}
