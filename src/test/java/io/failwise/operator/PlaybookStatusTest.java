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
}
