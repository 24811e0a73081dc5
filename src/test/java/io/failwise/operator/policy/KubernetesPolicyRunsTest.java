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

  /**
   * The cooldown is measured from when the policy created the run on the controller's clock: a sped-up
   * embedded world runs the API server's creationTimestamp hours behind it, and a cooldown of an hour read
   * from that had ended 14 simulated minutes after the run.
   */
  @Test
  void aRunIsDatedByTheControllersStampBeforeItsCreationTimestamp() {
    io.failwise.api.FailoverRun run = new io.failwise.api.FailoverRun();
    run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("r").withCreationTimestamp("2026-12-06T11:30:38Z").build());
    assertEquals(Instant.parse("2026-12-06T11:30:38Z"), KubernetesPolicyRuns.createdAt(run).orElseThrow(), "a run created before the stamp");
    run.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(KubernetesPolicyRuns.CREATED_AT_ANNOTATION, "2026-12-06T12:18:46Z")));
    assertEquals(Instant.parse("2026-12-06T12:18:46Z"), KubernetesPolicyRuns.createdAt(run).orElseThrow());
    run.getMetadata().getAnnotations().put(KubernetesPolicyRuns.CREATED_AT_ANNOTATION, "yesterday");
    assertEquals(Instant.parse("2026-12-06T11:30:38Z"), KubernetesPolicyRuns.createdAt(run).orElseThrow(), "a stamp that is no time is passed over");
  }
}
