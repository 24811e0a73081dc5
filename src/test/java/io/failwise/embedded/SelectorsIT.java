package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Selectors the embedded API server cannot apply are refused, not ignored: fabric8's mock logged a
 * set-based requirement as unsupported and answered every object, so {@code kubectl delete -l 'fleet
 * notin (chargers)'} would have deleted everything of the kind.
 */
class SelectorsIT extends OnEmbeddedServer {

  @BeforeAll
  static void objects() {
    for (String[] m : new String[][] {{"a", "chargers"}, {"b", "meters"}, {"c", null}}) {
      var b = new ConfigMapBuilder().withNewMetadata().withName(m[0]).withNamespace(NS).endMetadata();
      if (m[1] != null) {
        b.editMetadata().addToLabels("fleet", m[1]).endMetadata();
      }
      client.configMaps().inNamespace(NS).resource(b.build()).create();
    }
  }

  private static List<String> names(String labelSelector) {
    return client.configMaps().inNamespace(NS).withLabelSelector(labelSelector).list().getItems().stream()
        .map(c -> c.getMetadata().getName()).sorted().toList();
  }

  private static List<String> byField(String fieldSelector) {
    return client.configMaps().inNamespace(NS).withField(fieldSelector.split("=")[0], fieldSelector.split("=")[1]).list().getItems().stream()
        .map(c -> c.getMetadata().getName()).sorted().toList();
  }

  @Test
  void equalityAndExistenceSelectorsSelect() {
    assertEquals(List.of("a"), names("fleet=chargers"));
    assertEquals(List.of("b", "c"), names("fleet!=chargers"));
    assertEquals(List.of("a", "b"), names("fleet"));
    assertEquals(List.of("c"), names("!fleet"));
    assertEquals(List.of("b"), byField("metadata.name=b"));
  }

  @Test
  void aSetBasedLabelSelectorIsRefusedWithWhatIsSupported() {
    for (String selector : List.of("fleet in (nothing)", "fleet notin (chargers)", "fleet in (a,b)")) {
      KubernetesClientException e = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class, () -> names(selector));
      assertEquals(400, e.getCode(), selector);
      assertTrue(e.getMessage().contains("'" + selector + "'") && e.getMessage().contains("key=value, key!=value, key, !key"), e.getMessage());
    }
  }

  @Test
  void aFieldSelectorOnAFieldItCannotSelectOnIsRefusedAsKubeApiServerRefusesIt() {
    KubernetesClientException e = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class, () -> byField("data.k=v"));
    assertEquals(400, e.getCode());
    assertTrue(e.getMessage().contains("field label not supported: data.k"), e.getMessage());
  }
}
