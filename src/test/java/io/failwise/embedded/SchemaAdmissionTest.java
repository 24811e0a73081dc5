package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ObjectMeta on the embedded server, as kube-apiserver treats it for every kind: label keys and values it
 * would refuse are refused (422, naming the label), and fields ObjectMeta does not have are unknown fields:
 * pruned, reported as a warning, or refused with fieldValidation=Strict. A Cluster the embedded world
 * accepted must not be refused when the same file is applied to a real cluster.
 */
class SchemaAdmissionTest {
  private final SchemaAdmission admission = new SchemaAdmission();

  SchemaAdmissionTest() throws Exception {
    JsonNode crd = new YAMLMapper().readTree(Files.readString(Path.of("manifests/crds/clusters.failwise.io-v1.yml")));
    admission.admit(null, crd.toString(), SchemaAdmission.FieldValidation.STRICT);
  }

  private static String cluster(String metadata) {
    return ("{\"apiVersion\":\"failwise.io/v1alpha1\",\"kind\":\"Cluster\",\"metadata\":%s,\"spec\":{\"region\":\"eu-west\","
        + "\"capacity\":{\"devices\":10},\"admission\":{\"devicesPerSecond\":10},\"signals\":{\"static\":{\"expected\":5,\"connected\":5}}}}")
        .formatted(metadata);
  }

  @Test
  void aLabelValueAnApiServerRefusesIsRefusedNamingTheLabel() {
    var refused = assertThrows(SchemaAdmission.Refused.class,
        () -> admission.admit(null, cluster("{\"name\":\"a\",\"namespace\":\"failwise\",\"labels\":{\"fleet\":\"chargers at night\"}}"),
            SchemaAdmission.FieldValidation.WARN));
    assertEquals(422, refused.status().getCode());
    assertTrue(refused.status().getMessage().startsWith(
        "Cluster.failwise.io \"a\" is invalid: metadata.labels.fleet: Invalid value: \"chargers at night\": a label value is empty or a string"),
        refused.status().getMessage());
    var badKey = assertThrows(SchemaAdmission.Refused.class,
        () -> admission.admit(null, cluster("{\"name\":\"a\",\"labels\":{\"Failwise.io/group\":\"x\"}}"), SchemaAdmission.FieldValidation.IGNORE));
    assertEquals("metadata.labels", badKey.status().getDetails().getCauses().get(0).getField(), "an upper-case prefix is no DNS subdomain");
  }

  @Test
  void aBuiltInKindsNameAndLabelsAreCheckedToo() {
    // The controller writes ConfigMaps (ledgers, the halt) and Leases: on a real cluster a label value of 64
    // characters or an upper-case ConfigMap name is refused, so it must be here.
    String longLabel = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ledger\",\"labels\":{\"failwise.io/source\":\""
        + "a".repeat(64) + "\"}}}";
    var refused = assertThrows(SchemaAdmission.Refused.class, () -> admission.admit(null, longLabel, SchemaAdmission.FieldValidation.WARN));
    assertEquals(422, refused.status().getCode());
    assertTrue(refused.status().getMessage().startsWith("ConfigMap \"ledger\" is invalid: metadata.labels.failwise.io/source: Invalid value"),
        refused.status().getMessage());
    var upper = assertThrows(SchemaAdmission.Refused.class,
        () -> admission.admit(null, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Ledger\"}}",
            SchemaAdmission.FieldValidation.WARN));
    assertEquals("metadata.name", upper.status().getDetails().getCauses().get(0).getField());
    // RBAC names are path segments, not DNS names: a colon is allowed.
    admission.admit(null, "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\",\"metadata\":{\"name\":\"system:failwise\"}}",
        SchemaAdmission.FieldValidation.STRICT);
  }

  @Test
  void goodLabelsPass() {
    var admitted = admission.admit(null, cluster("{\"name\":\"a\",\"labels\":{\"failwise.io/policy-group\":\"eu\",\"empty\":\"\"}}"),
        SchemaAdmission.FieldValidation.STRICT);
    assertEquals(List.of(), admitted.warnings());
  }

  @Test
  void aFieldObjectMetaDoesNotHaveIsPrunedWarnedOfOrRefusedAsTheRequestAsks() throws Exception {
    String misspelt = cluster("{\"name\":\"a\",\"lables\":{\"fleet\":\"chargers\"}}");
    var strict = assertThrows(SchemaAdmission.Refused.class, () -> admission.admit(null, misspelt, SchemaAdmission.FieldValidation.STRICT));
    assertEquals(400, strict.status().getCode());
    assertTrue(strict.status().getMessage().endsWith("strict decoding error: unknown field \"metadata.lables\""), strict.status().getMessage());

    var warned = admission.admit(null, misspelt, SchemaAdmission.FieldValidation.WARN);
    assertEquals(List.of("unknown field \"metadata.lables\""), warned.warnings());
    JsonNode stored = new ObjectMapper().readTree(warned.state());
    assertFalse(stored.path("metadata").has("lables"), "stored without it, as kube-apiserver stores it: " + stored);
    assertEquals("a", stored.path("metadata").path("name").asText());

    var ignored = admission.admit(null, misspelt, SchemaAdmission.FieldValidation.IGNORE);
    assertEquals(List.of(), ignored.warnings());
    assertFalse(new ObjectMapper().readTree(ignored.state()).path("metadata").has("lables"));
  }
}
