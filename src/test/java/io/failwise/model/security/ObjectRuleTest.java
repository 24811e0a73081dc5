package io.failwise.model.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How one allow-list rule reads, what it covers, and what each malformed rule is told. */
class ObjectRuleTest {
  @Test
  void aRuleReadsKindGroupNamespaceNameAndTheRunNamespaces() {
    ObjectRule r = ObjectRule.parse("  Deployment.Apps fleet-edge/*-gateway from failwise ops ");
    assertEquals("Deployment.Apps fleet-edge/*-gateway from failwise ops", r.text());
    assertEquals("Deployment", r.kind());
    assertEquals("apps", r.group(), "API groups are lower case");
    assertEquals("fleet-edge", r.namespace());
    assertEquals("*-gateway", r.name());
    assertEquals(List.of("failwise", "ops"), r.runNamespaces());
    ObjectRule core = ObjectRule.parse("ConfigMap fleet-routing/device-routing");
    assertEquals("", core.group());
    assertEquals(List.of("fleet-routing"), core.runNamespaces(), "without 'from', the object's own namespace");
  }

  @Test
  void aRuleAllowsOnlyItsObjectsAndOnlyForItsRunNamespaces() {
    ObjectRule r = ObjectRule.parse("Deployment.apps fleet-edge/*-gateway from failwise ops");
    ObjectTarget gateway = ObjectTarget.of("apps/v1", "Deployment", "fleet-edge", "eu-gateway");
    assertTrue(r.allows("ops", gateway));
    assertTrue(r.allows("failwise", gateway));
    assertFalse(r.allows("fleet-edge", gateway), "the object's own namespace is not listed");
    assertTrue(r.covers(gateway));
    assertFalse(r.covers(ObjectTarget.of("apps/v1", "Deployment", "fleet-core", "eu-gateway")), "another namespace");
    assertFalse(r.covers(ObjectTarget.of("apps/v1", "StatefulSet", "fleet-edge", "eu-gateway")), "another kind");
    assertFalse(r.covers(ObjectTarget.of("v1", "Deployment", "fleet-edge", "eu-gateway")), "the core group is not apps");
    assertFalse(r.covers(ObjectTarget.of("apps/v1", "Deployment", "fleet-edge", "eu-gateway-2")));
    assertFalse(r.covers(ObjectTarget.of("apps/v1", "Deployment", "fleet-edge", null)), "an object without a name");
    assertTrue(ObjectRule.parse("ConfigMap a/b from *").allows("any-namespace", ObjectTarget.of("v1", "ConfigMap", "a", "b")));
  }

  @Test
  void anObjectNamesItselfAsARuleWouldNameIt() {
    assertEquals("ConfigMap kube-system/coredns", ObjectTarget.of("v1", "ConfigMap", "kube-system", "coredns").toString());
    assertEquals("Deployment.apps fleet-edge/x-gateway", ObjectTarget.of("apps/v1", "Deployment", "fleet-edge", "x-gateway").toString());
    assertEquals("", ObjectTarget.of(null, "ConfigMap", "a", "b").group(), "no apiVersion: the core group");
  }

  @Test
  void eachMalformedRuleIsToldWhatIsWrong() {
    String form = "write KIND[.GROUP] NAMESPACE/NAME [from NAMESPACE...], e.g. 'ConfigMap fleet-routing/device-routing'";
    assertEquals("'ConfigMap' is not an object rule: " + form, refusal("ConfigMap"));
    assertEquals("'' is not an object rule: " + form, refusal(null));
    assertEquals("'ConfigMap a/b to c' is not an object rule: " + form, refusal("ConfigMap a/b to c"));
    assertEquals("'ConfigMap a/b from' is not an object rule: " + form, refusal("ConfigMap a/b from"));
    assertEquals(
        "'configmap a/b': 'configmap' is not a kind: a CamelCase kind, with its API group after a dot unless it is in the core group"
            + " ('ConfigMap', 'Deployment.apps')",
        refusal("configmap a/b"));
    assertTrue(refusal("Deployment.-apps a/b").startsWith("'Deployment.-apps a/b': 'Deployment.-apps' is not a kind"));
    assertEquals("'ConfigMap a': 'a' must be NAMESPACE/NAME: " + form, refusal("ConfigMap a"));
    assertEquals(
        "'ConfigMap a-*/b': namespace 'a-*' must be one literal namespace name (lower case, digits, dashes): the controller's Roles are"
            + " granted per namespace",
        refusal("ConfigMap a-*/b"));
    assertEquals("'ConfigMap a/B': name 'B' must be an object name, with * for any characters", refusal("ConfigMap a/B"));
    assertEquals("'ConfigMap a/b from ok B_': 'B_' after 'from' must be a namespace name or *", refusal("ConfigMap a/b from ok B_"));
  }

  private static String refusal(String rule) {
    return assertThrows(IllegalArgumentException.class, () -> ObjectRule.parse(rule), rule).getMessage();
  }

  @Test
  void blankRulesAreSkippedAndARefusalNamesTheOnlyRuleOfItsKind() {
    ObjectAllowList list = ObjectAllowList.parse(java.util.Arrays.asList("", null, "  ", "ConfigMap fleet-routing/device-routing from failwise"));
    assertEquals(1, list.rules().size());
    assertEquals(
        Optional.of("ConfigMap kube-system/coredns is not in the allow-list: it misses rule 'ConfigMap fleet-routing/device-routing from failwise'"
            + " of failwise.allow.objects"),
        list.refusal("failwise", ObjectTarget.of("v1", "ConfigMap", "kube-system", "coredns")));
    assertEquals(
        Optional.of("Service a/b is not in the allow-list: no rule of failwise.allow.objects names a Service; it allows only rule"
            + " 'ConfigMap fleet-routing/device-routing from failwise'"),
        list.refusal("failwise", ObjectTarget.of("v1", "Service", "a", "b")));
  }
}
