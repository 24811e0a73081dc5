package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRunSpec.Mode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KubernetesPolicyRunsTest {
  private static final Instant ONSET = Instant.parse("2026-03-12T21:10:00Z");

  @Test
  void oneRunNamePerPolicyClusterOutageAndMode() {
    assertEquals("eu-auto-go-eu-west-1-1773349800-failover", KubernetesPolicyRuns.runName("eu-auto", "go-eu-west-1", ONSET, Mode.Failover));
    assertEquals("eu-auto-go-eu-west-1-1773349800-plan", KubernetesPolicyRuns.runName("eu-auto", "go-eu-west-1", ONSET, Mode.Plan));
    assertNotEquals(
        KubernetesPolicyRuns.runName("eu-auto", "go-eu-west-1", ONSET, Mode.Failover),
        KubernetesPolicyRuns.runName("eu-auto", "go-eu-west-1", ONSET.plusSeconds(3600), Mode.Failover),
        "a new outage gets a new run");
  }

  @Test
  void longNamesAndLabelValuesStayWithinTheApiLimitsAndDistinct() {
    String policy = "p".repeat(240);
    String a = KubernetesPolicyRuns.runName(policy, "cluster-a", ONSET, Mode.Failover);
    String b = KubernetesPolicyRuns.runName(policy, "cluster-b", ONSET, Mode.Failover);
    assertTrue(a.length() <= 253, a);
    assertNotEquals(a, b);
    String label = io.failwise.operator.KubernetesNames.labelValue("a-very-long-policy-name-".repeat(4));
    assertTrue(label.length() <= 63 && label.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), label);
    assertEquals("eu-auto", io.failwise.operator.KubernetesNames.labelValue("eu-auto"));
  }
}
