package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverPlaybookStatus;
import io.failwise.operator.status.Conditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A playbook's Ready condition is what a run's admission would find, told when it is applied: a typo
 * in a template, a wave past 100 % or two stop conditions of one name were silent until a run or a policy
 * named the playbook.
 */
class PlaybookStatusTest {
  private static final Instant NOW = Instant.parse("2026-03-12T20:00:00Z");

  private static FailoverPlaybook playbook(String file, String from, String to) throws Exception {
    String yaml = Files.readString(Path.of("playbooks", file));
    assertTrue(yaml.contains(from), from);
    FailoverPlaybook p = Serialization.unmarshal(yaml.replace(from, to), FailoverPlaybook.class);
    p.getMetadata().setGeneration(3L);
    return p;
  }

  private static Condition ready(FailoverPlaybookStatus s) {
    return Conditions.find(s.conditions, "Ready").orElseThrow();
  }

  @Test
  void theRepositorysPlaybookIsReadyAndSaysWhatItHolds() throws Exception {
    FailoverPlaybookStatus s = PlaybookReconciler.status(playbook("regional-failover.yaml", "", ""), NOW);
    assertEquals(3L, s.observedGeneration);
    assertEquals("True", ready(s).getStatus());
    assertEquals("Valid", ready(s).getReason());
    assertEquals("Usable: steps precheck, approve, scale-target-gateway, shift, verify, failback; 3 stop conditions.", ready(s).getMessage());
  }

  @Test
  void aMisspeltTemplateAndAWavePastAHundredAreNamedAtTheirFields() throws Exception {
    FailoverPlaybook p = playbook("regional-failover.yaml", "\"{{source}}.target\": \"{{target}}\"", "\"{{source}}.target\": \"{{tagret}}\"");
    p.getSpec().steps.stream().filter(st -> st.failback != null).findFirst().orElseThrow().failback.waves = java.util.List.of(10, 250);
    FailoverPlaybookStatus s = PlaybookReconciler.status(p, NOW);
    Condition ready = ready(s);
    assertEquals("False", ready.getStatus());
    assertEquals("InvalidSpec", ready.getReason());
    assertTrue(ready.getMessage().startsWith("Runs and policies naming this playbook are refused until it is fixed: spec.steps[3].shift.action"),
        ready.getMessage());
    assertTrue(ready.getMessage().contains("tagret"), ready.getMessage());
    assertTrue(ready.getMessage().contains("spec.steps[5].failback.waves"), ready.getMessage());
  }

  @Test
  void twoStopConditionsOfOneNameAreRefused() throws Exception {
    FailoverPlaybook p = playbook("quarterly-drill.yaml", "name: target-offline", "name: canary-lost");
    Condition ready = ready(PlaybookReconciler.status(p, NOW));
    assertEquals("False", ready.getStatus());
    assertTrue(ready.getMessage().contains("'canary-lost' is used twice; stop condition names must be unique"), ready.getMessage());
  }

  @Test
  void aFixedPlaybookIsReadyAgainWithTheTimeOfTheChange() throws Exception {
    FailoverPlaybook broken = playbook("quarterly-drill.yaml", "name: target-offline", "name: canary-lost");
    FailoverPlaybook fixed = playbook("quarterly-drill.yaml", "", "");
    fixed.setStatus(PlaybookReconciler.status(broken, NOW));
    Condition ready = ready(PlaybookReconciler.status(fixed, NOW.plusSeconds(60)));
    assertEquals("True", ready.getStatus());
    assertEquals(NOW.plusSeconds(60).toString(), Instant.parse(ready.getLastTransitionTime()).toString());
  }

  private static io.failwise.api.FailoverRun run(String name, String playbook, String phase, Long plannedWith) {
    var run = new io.failwise.api.FailoverRun();
    run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace("failwise").build());
    run.setSpec(new io.failwise.api.FailoverRunSpec());
    run.getSpec().playbook = playbook;
    run.setStatus(new io.failwise.api.FailoverRunStatus());
    run.getStatus().phase = phase;
    if (plannedWith != null) {
      run.getStatus().plan = new io.failwise.api.FailoverRunStatus.Plan();
      run.getStatus().plan.playbookGeneration = plannedWith;
    }
    return run;
  }

  @Test
  void anEditReachesNoRunInProgressAndEachOfThemIsTold() throws Exception {
    FailoverPlaybook p = playbook("regional-failover.yaml", "", ""); // generation 3
    var awaiting = run("incident", "regional-failover", "AwaitingApproval", 2L);
    var list = java.util.List.of(
        awaiting,
        run("drill-q1", "regional-failover", "Running", 2L),
        run("yesterday", "regional-failover", "Succeeded", 1L), // ended: nothing of it is left to run
        run("other", "quarterly-drill", "Running", 1L), // another playbook
        run("queued", "regional-failover", "Pending", null), // not planned yet: it will read generation 3
        run("new", "regional-failover", "Running", 3L)); // planned with the edit already
    assertEquals(java.util.List.of("incident", "drill-q1"),
        PlaybookReconciler.plannedBefore(p, list).stream().map(r -> r.getMetadata().getName()).toList());
    // The approver of a staged run must know the steps they approve are not the ones now in the playbook.
    assertEquals("Playbook regional-failover was edited (generation 3) while this run was AwaitingApproval: the run goes on with the"
        + " steps and stop conditions of generation 2 it planned with; the edit applies to runs planned from now on.",
        PlaybookReconciler.editedSentence(p, awaiting));
  }
}
