package io.failwise.model.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectAllowListTest {
  private static final ObjectAllowList LIST =
      ObjectAllowList.parse(List.of("ConfigMap fleet-routing/device-routing from failwise", "Deployment.apps fleet-edge/*-gateway from failwise ops",
          "ConfigMap failwise/device-routing"));

  private static ObjectTarget configMap(String namespace, String name) {
    return ObjectTarget.of("v1", "ConfigMap", namespace, name);
  }

  @Test
  void allowsExactlyWhatARuleNames() {
    assertEquals(Optional.empty(), LIST.refusal("failwise", configMap("fleet-routing", "device-routing")));
    assertEquals(Optional.empty(), LIST.refusal("ops", ObjectTarget.of("apps/v1", "Deployment", "fleet-edge", "go-eu-north-1-gateway")));
    assertEquals(Optional.empty(), LIST.refusal("failwise", configMap("failwise", "device-routing")));
  }

  @Test
  void refusesCoreDnsNamingTheObjectAndTheRulesOfItsKind() {
    String why = LIST.refusal("failwise", configMap("kube-system", "coredns")).orElseThrow();
    assertEquals(
        "ConfigMap kube-system/coredns is not in the allow-list: it misses rules 'ConfigMap fleet-routing/device-routing from failwise',"
            + " 'ConfigMap failwise/device-routing' of failwise.allow.objects",
        why);
  }

  @Test
  void aKindNoRuleNamesIsRefusedWhateverItsName() {
    String why = LIST.refusal("failwise", ObjectTarget.of("apps/v1", "StatefulSet", "fleet-edge", "x-gateway")).orElseThrow();
    assertTrue(why.startsWith("StatefulSet.apps fleet-edge/x-gateway is not in the allow-list: no rule of failwise.allow.objects names a StatefulSet"), why);
    // A Deployment of another API group is not the rule's Deployment.
    assertTrue(LIST.refusal("failwise", ObjectTarget.of("example.com/v1", "Deployment", "fleet-edge", "x-gateway")).isPresent());
  }

  @Test
  void anObjectInAnotherNamespaceThanTheRunsIsRefusedUnlessTheRuleSaysFrom() {
    String why = LIST.refusal("team-b", configMap("fleet-routing", "device-routing")).orElseThrow();
    assertEquals(
        "ConfigMap fleet-routing/device-routing is allowed by rule 'ConfigMap fleet-routing/device-routing from failwise' only for runs in failwise,"
            + " not for a run in team-b (add 'from team-b' to the rule in failwise.allow.objects to allow it)",
        why);
    // Without "from", only runs of the object's own namespace.
    assertTrue(LIST.refusal("fleet-routing", configMap("failwise", "device-routing")).isPresent());
    assertEquals(Optional.empty(), ObjectAllowList.parse(List.of("ConfigMap a/b from *")).refusal("anyone", configMap("a", "b")));
  }

  @Test
  void namePatternsMatchWholeNamesOnly() {
    assertTrue(ObjectRule.glob("*-gateway", "go-eu-north-1-gateway"));
    assertFalse(ObjectRule.glob("*-gateway", "go-eu-north-1-gateway-admin"));
    assertFalse(ObjectRule.glob("device-routing", "device-routing2"));
    assertFalse(ObjectRule.glob("device-routing", "old-device-routing"), "a name that only ends like the pattern");
    assertTrue(ObjectRule.glob("go-*-gateway", "go-eu-gateway"));
    assertFalse(ObjectRule.glob("go.eu", "goxeu"), "a dot is a dot, not any character");
  }

  @Test
  void anEmptyListRefusesEverythingAndSaysSo() {
    String why = ObjectAllowList.parse(List.of()).refusal("failwise", configMap("failwise", "device-routing")).orElseThrow();
    assertTrue(why.endsWith("no rule of failwise.allow.objects names a ConfigMap (the list is empty)"), why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ConfigMap", "configmap a/b", "ConfigMap a", "ConfigMap */b", "ConfigMap a-*/b", "ConfigMap a/b to c", "ConfigMap a/b from",
      "ConfigMap A/b", "ConfigMap a/b from B_"})
  void aBadRuleIsRefusedNamingTheSettingAndTheForm(String rule) {
    var e = assertThrows(IllegalArgumentException.class, () -> ObjectAllowList.parse(List.of(rule)));
    assertTrue(e.getMessage().startsWith("failwise.allow.objects: '" + rule.trim() + "'"), e.getMessage());
  }
}
