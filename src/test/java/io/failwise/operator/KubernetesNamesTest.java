package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Names and label values an API server accepts, from names that may be longer. */
class KubernetesNamesTest {
  @Test
  void whatFitsIsKeptAsItIs() {
    assertEquals("go-eu-west-1", KubernetesNames.labelValue("go-eu-west-1"));
    assertEquals("x".repeat(63), KubernetesNames.labelValue("x".repeat(63)));
    assertEquals("failwise-source-fleet.go-eu-west-1", KubernetesNames.objectName("failwise-source-fleet.go-eu-west-1"));
  }

  @Test
  void aLongerOneFitsEndsAlphanumericAndStaysDistinctAndTheSame() {
    String a = "go-eu-west-1." + "a-".repeat(60) + "x";
    String b = "go-eu-west-1." + "a-".repeat(60) + "y";
    String label = KubernetesNames.labelValue(a);
    assertTrue(label.length() <= 63 && label.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?"), label);
    assertNotEquals(label, KubernetesNames.labelValue(b), "names that differ only past the cut stay apart");
    assertEquals(label, KubernetesNames.labelValue(a), "a selector finds what the label was written with");
    String name = KubernetesNames.objectName("failwise-source-fleet." + "go-".repeat(90) + "z");
    assertTrue(name.length() <= 253 && name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"), name);
  }
}
