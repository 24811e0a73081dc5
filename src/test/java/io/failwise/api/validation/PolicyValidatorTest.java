package io.failwise.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.api.FailoverPolicySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {
  private static List<String> problems(FailoverPolicySpec spec) {
    return PolicyValidator.bounds(spec).stream().map(Problem::toString).toList();
  }

  @Test
  void theDefaultsAndTheBoundsThemselvesPass() {
    assertEquals(List.of(), problems(new FailoverPolicySpec()));
    FailoverPolicySpec edge = new FailoverPolicySpec();
    edge.trigger.outageForSeconds = FailoverPolicySpec.MAX_OUTAGE_FOR_SECONDS;
    edge.cooldownSeconds = FailoverPolicySpec.MAX_COOLDOWN_SECONDS;
    edge.trigger.outageForSeconds = 0L;
    assertEquals(List.of(), problems(edge));
  }

  @Test
  void durationsPastTheirBoundsAreNamedWithWhatIsValid() {
    FailoverPolicySpec spec = new FailoverPolicySpec();
    spec.trigger.outageForSeconds = Long.MAX_VALUE;
    spec.cooldownSeconds = -1L;
    spec.trigger.materialChange = Double.NaN;
    assertEquals(
        List.of(
            "spec.cooldownSeconds: must be from 0 to 604,800 (a week), got -1",
            "spec.trigger.outageForSeconds: must be from 0 to 86,400 (a day), got 9223372036854775807",
            "spec.trigger.materialChange: must be from 0 to 1, got NaN"),
        problems(spec));
  }

  /**
   * A minimum count no cluster can reach is a policy that never acts: 9,223,372,036,854,775,807 was Ready
   * (an outside pass); the bound is the most devices a cluster is allowed to hold, and 0 still passes.
   */
  @Test
  void aMinimumOfflineCountNoClusterCanReachIsRefused() {
    FailoverPolicySpec spec = new FailoverPolicySpec();
    spec.trigger.minOfflineDevices = Long.MAX_VALUE;
    assertEquals(List.of("spec.trigger.minOfflineDevices: must be from 0 to 10,000,000,000 (more devices than any cluster holds), got"
        + " 9223372036854775807"), problems(spec));
    spec.trigger.minOfflineDevices = -1L;
    assertEquals(1, problems(spec).size());
    spec.trigger.minOfflineDevices = 0L;
    assertEquals(List.of(), problems(spec));
    spec.trigger.minOfflineDevices = io.failwise.model.detect.PlausibleCounts.MAX_DEVICES;
    assertEquals(List.of(), problems(spec));
  }
}
