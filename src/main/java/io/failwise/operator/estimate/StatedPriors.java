package io.failwise.operator.estimate;

import io.failwise.api.FailoverPolicy;
import io.failwise.model.estimate.DurationPrior;

/** The duration prior a FailoverPolicy states, which its decisions and the runs it creates weigh outages by. */
public final class StatedPriors {
  private StatedPriors() {}

  /** The policy's spec.durationPrior, or the default; out of its range, an IllegalArgumentException naming the policy and the field. */
  public static DurationPrior of(FailoverPolicy policy) {
    String name = policy.getMetadata().getName();
    var p = policy.getSpec() == null ? null : policy.getSpec().durationPrior;
    return p == null || p.medianMinutes == null || p.p90Minutes == null
        ? DurationPrior.DEFAULT
        : DurationPrior.stated(p.medianMinutes, p.p90Minutes, "FailoverPolicy " + name + " spec.durationPrior");
  }
}
