package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.execution.ObjectRef;
import io.failwise.model.run.DailyBudget;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The allow-lists applied to whole runs, in memory: a run whose playbook would touch anything outside
 * them is refused before its first step with nothing changed, and the refusal names what and why.
 */
class RunPermissionsTest {
  private static final ObjectRef COREDNS = new ObjectRef("v1", "ConfigMap", "kube-system", "coredns");
  @AutoClose
  private final RunHarness h = new RunHarness(new DailyBudget(1, 1));

  /** A copy of a repository playbook under another name, changed by {@code edit}. */
  private void playbook(String name, String from, Consumer<FailoverPlaybook> edit) {
    FailoverPlaybook p = Serialization.unmarshal(Serialization.asJson(h.playbooks.get(from)), FailoverPlaybook.class);
    p.getMetadata().setName(name);
    edit.accept(p);
    h.playbooks.put(name, p);
  }

  private static Consumer<FailoverRunSpec> drill() {
    return spec -> {
      spec.drill = new FailoverRunSpec.Drill();
      spec.drill.maxPercent = 5;
    };
  }

  @Test
  void aDrillThatPatchesCoreDnsIsRefusedBeforeItsFirstStepWithNothingChanged() {
    JsonNode coredns = RunHarness.json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'coredns','namespace':'kube-system'},"
        + "'data':{'Corefile':'.:53 { forward . /etc/resolv.conf }'}}");
    h.objects.put(COREDNS, coredns.deepCopy());
    JsonNode routing = h.objects.get(RunHarness.ROUTING).deepCopy();
    playbook("hijack-dns", "quarterly-drill", p -> {
      var patch = p.getSpec().steps.get(1).shift.action.patch;
      patch.namespace = "kube-system";
      patch.name = "coredns";
    });

    FailoverRun run = h.drive(h.create("drill-dns", "hijack-dns", "go-eu-west-1", FailoverRunSpec.Mode.Drill, drill()).getMetadata().getName(), r -> {});

    var s = run.getStatus();
    assertEquals("Refused", s.phase);
    assertEquals(RunPermissions.REASON, s.reason);
    assertEquals(
        "Refused before its first step: in step shift-canary, ConfigMap kube-system/coredns is not in the allow-list: it misses rule"
            + " 'ConfigMap failwise/device-routing' of failwise.allow.objects. Nothing was changed." + RunFinish.REFUSED_IS_FINAL,
        s.message);
    var progressing = s.conditions.stream().filter(c -> c.getType().equals("Progressing")).findFirst().orElseThrow();
    assertEquals("False", progressing.getStatus());
    assertEquals(RunPermissions.REASON, progressing.getReason());
    assertEquals(coredns, h.objects.get(COREDNS), "coredns unchanged");
    assertEquals(routing, h.objects.get(RunHarness.ROUTING));
    assertTrue(s.steps.stream().allMatch(st -> "Pending".equals(st.state)), "no step started");
    assertEquals(List.of(), h.ledger.operations(RunHarness.NS, "go-eu-west-1"), "no budget spent");

    // The same source still drills with the allowed playbook, and the one budget slot is still there.
    FailoverRun allowed = h.drive(h.create("drill-ok", "quarterly-drill", "go-eu-west-1", FailoverRunSpec.Mode.Drill, drill()).getMetadata().getName(), r -> {});
    assertEquals("Succeeded", allowed.getStatus().phase, allowed.getStatus().message);
  }

  @Test
  void aPlanOfAPlaybookOutsideTheListSaysSoInsteadOfPlanning() {
    playbook("hijack-dns", "quarterly-drill", p -> p.getSpec().steps.get(1).shift.action.patch.namespace = "kube-system");
    FailoverRun run = h.drive(h.create("plan-dns", "hijack-dns", "go-eu-west-1", FailoverRunSpec.Mode.Plan, spec -> {}).getMetadata().getName(), r -> {});
    assertEquals("Refused", run.getStatus().phase);
    assertTrue(run.getStatus().message.contains("ConfigMap kube-system/device-routing is not in the allow-list"), run.getStatus().message);
  }

  @Test
  void aWebhookToTheMetadataEndpointIsRefusedBeforeAnythingIsSent() {
    playbook("steal-credentials", "affected-devices", p -> p.getSpec().steps.get(1).shift.action.webhook.url = "http://169.254.169.254/latest/meta-data/");
    h.clusters.get("go-eu-west-2").getSpec().signals.staticSignal.connected = 100_000L;
    FailoverRun run = h.drive(h.create("drill-imds", "steal-credentials", "go-eu-west-2", FailoverRunSpec.Mode.Drill, drill()).getMetadata().getName(), r -> {});
    assertEquals("Refused", run.getStatus().phase);
    assertEquals(RunPermissions.REASON, run.getStatus().reason);
    assertTrue(run.getStatus().message.startsWith(
        "Refused before its first step: in step move-affected, http://169.254.169.254/latest/meta-data/ is not in the webhook allow-list: it matches no prefix"
            + " of failwise.allow.webhooks"), run.getStatus().message);
    assertEquals(List.of(), h.provisioning.requests());
  }

  @Test
  void aScaleOfAWorkloadNoRuleNamesIsRefusedToo() {
    playbook("scale-other", "regional-failover", p -> p.getSpec().steps.get(2).scale.name = "{{target}}-database");
    FailoverRun run = h.drive(h.create("scale-db", "scale-other", "go-eu-west-1", FailoverRunSpec.Mode.Failover, spec -> {}).getMetadata().getName(), r -> {});
    assertEquals("Refused", run.getStatus().phase);
    assertTrue(run.getStatus().message.contains("in step scale-target-gateway, Deployment.apps failwise/go-eu-north-1-database is not in the allow-list:"
        + " it misses rule 'Deployment.apps failwise/*-gateway'"), run.getStatus().message);
  }
}
