package io.failwise.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged CRD schemas refuse what kube-apiserver refuses, with its words and field paths. */
class CrdSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CrdSchema CLUSTER = CrdSchemas.packaged().forKind("failwise.io/v1alpha1", "Cluster").orElseThrow();
  private static final CrdSchema RUN = CrdSchemas.packaged().forKind("failwise.io/v1alpha1", "FailoverRun").orElseThrow();

  private static final String GOOD =
      """
      apiVersion: failwise.io/v1alpha1
      kind: Cluster
      metadata: {name: go-1, namespace: failwise}
      spec:
        region: eu-west
        capacity: {devices: 250000}
        admission: {devicesPerSecond: 960}
        failover: {targets: [{cluster: go-2}], cutoverSeconds: 1200, granularity: Cluster}
        signals: {static: {expected: 180000, connected: 179420}}
      """;

  private static JsonNode yaml(String text) throws Exception {
    return YAML.readTree(text);
  }

  /** The GOOD cluster with one field replaced (a YAML flow value at a dotted path). */
  private static JsonNode with(String path, String value) throws Exception {
    JsonNode root = yaml(GOOD);
    String[] parts = path.split("\\.");
    var parent = (com.fasterxml.jackson.databind.node.ObjectNode) root;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = (com.fasterxml.jackson.databind.node.ObjectNode) parent.get(parts[i]);
    }
    if (value == null) {
      parent.remove(parts[parts.length - 1]);
    } else {
      parent.set(parts[parts.length - 1], yaml("v: " + value).get("v"));
    }
    return root;
  }

  @Test
  void missingFieldsTakeTheSchemasDefaultsAsOnARealCluster() throws Exception {
    // kube-apiserver sets a structural schema's defaults on every write, so `kubectl get -o yaml` (and
    // the printer columns, and the CEL rules) see them. GOOD names no failbackRequired, targetOrder or
    // target priority: the Cluster as stored has the CRD's true, LeastLoss and 0.
    JsonNode input = yaml(GOOD);
    CrdSchema.Result r = CLUSTER.validate(input, null);
    assertTrue(r.valid(), r.errors().toString());
    JsonNode failover = r.object().at("/spec/failover");
    assertTrue(failover.get("failbackRequired").asBoolean());
    assertEquals("LeastLoss", failover.get("targetOrder").asText());
    assertEquals(0, failover.at("/targets/0/priority").asInt(), "inside list items too");
    assertEquals("Cluster", failover.get("granularity").asText(), "what was given stays");
    assertFalse(input.at("/spec/failover").has("targetOrder"), "the argument is not changed");
    // Given values win; a null that may not be null takes the default, as a missing field does.
    JsonNode given = with("spec.failover", "{targets: [{cluster: go-2, priority: 3}], cutoverSeconds: 1200, granularity: null,"
        + " failbackRequired: false, targetOrder: Priority}");
    JsonNode stored = CLUSTER.validate(given, null).object().at("/spec/failover");
    assertEquals(3, stored.at("/targets/0/priority").asInt());
    assertFalse(stored.get("failbackRequired").asBoolean());
    assertEquals("Priority", stored.get("targetOrder").asText());
    assertEquals("Cluster", stored.get("granularity").asText());
    // A default does not create the object it lives in: a Cluster without spec.failover gets none.
    assertFalse(CLUSTER.validate(with("spec.failover", null), null).object().at("/spec").has("failover"));
  }

  private static List<String> errors(JsonNode object) {
    return CLUSTER.validate(object, null).errors().stream().map(FieldError::toString).toList();
  }

  @Test
  void aGoodClusterThatNamesEveryDefaultPassesUnchanged() throws Exception {
    JsonNode complete = with("spec.failover",
        "{targets: [{cluster: go-2, priority: 0}], cutoverSeconds: 1200, granularity: Cluster, failbackRequired: true, targetOrder: LeastLoss}");
    var result = CLUSTER.validate(complete, null);
    assertEquals(List.of(), result.errors());
    assertEquals(complete, result.object());
  }

  @Test
  void theSamplesPass() throws Exception {
    for (String file : List.of("regions.yaml", "clusters.yaml")) {
      for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(Path.of("manifests/samples", file))).readAll()) {
        CrdSchema schema = CrdSchemas.packaged().forKind(doc.path("apiVersion").asText(), doc.path("kind").asText()).orElseThrow();
        assertEquals(List.of(), schema.validate(doc, null).errors(), file + " " + doc.path("metadata"));
      }
    }
  }

  @Test
  void aStringWhereAnIntegerIsDueIsNamedAsKubeApiserverNamesIt() throws Exception {
    assertEquals(
        List.of("spec.capacity.devices: Invalid value: \"string\": spec.capacity.devices in body must be of type integer: \"string\"", RULES_SKIPPED),
        errors(with("spec.capacity.devices", "lots")));
  }

  /** What kube-apiserver adds, instead of the CEL rules' verdicts, when a field has the wrong type, is missing or is not among its values. */
  static final String RULES_SKIPPED =
      "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";

  /**
   * A string where the list of targets belongs: the CEL rules over the list would judge a value that is not
   * there, and said that the cluster "lists a target twice" and "fails over to itself". As kube-apiserver,
   * the rules are not checked until the type is right, and one cause says so.
   */
  @Test
  void aWrongTypeIsRefusedAloneWithoutTheRulesThatWouldMisjudgeIt() throws Exception {
    assertEquals(
        List.of("spec.failover.targets: Invalid value: \"string\": spec.failover.targets in body must be of type array: \"string\"", RULES_SKIPPED),
        errors(with("spec.failover.targets", "tgt")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "spec.capacity.devices|1.5|spec.capacity.devices: Invalid value: \"number\": spec.capacity.devices in body must be of type integer: \"number\"",
        "spec.capacity.devices|-5|spec.capacity.devices: Invalid value: -5: spec.capacity.devices in body should be greater than or equal to 0",
        "spec.failover.cutoverSeconds|-5|spec.failover.cutoverSeconds: Invalid value: -5: spec.failover.cutoverSeconds in body should be greater than or equal to 0",
        "spec.failover.cutoverSeconds|86401|spec.failover.cutoverSeconds: Invalid value: 86401: spec.failover.cutoverSeconds in body should be less than or equal to 86400",
        "spec.failover.cutoverP90Seconds|9223372036854775807|spec.failover.cutoverP90Seconds: Invalid value: 9223372036854775807: spec.failover.cutoverP90Seconds in body should be less than or equal to 86400",
        "spec.capacity.devices|9223372036854775807|spec.capacity.devices: Invalid value: 9223372036854775807: spec.capacity.devices in body should be less than or equal to 10000000000",
        "spec.failover.targets|[{cluster: b, priority: 2147483648}]|spec.failover.targets[0].priority: Invalid value: 2147483648: spec.failover.targets[0].priority in body should be less than or equal to 2147483647",
        "spec.admission.devicesPerSecond|1e-300|spec.admission.devicesPerSecond: Invalid value: 1.0E-300: spec.admission.devicesPerSecond in body should be greater than or equal to 0.001",
        "spec.failover.granularity|Pod|spec.failover.granularity: Unsupported value: \"Pod\": supported values: \"Cluster\", \"Device\"",
        "spec.region|[a, b]|spec.region: Invalid value: \"array\": spec.region in body must be of type string: \"array\"",
        "spec.region||spec.region: Required value",
        "spec.signals.static|{expected: 10, connected: 11}|spec.signals.static: Invalid value: \"object\": spec.signals.static: connected cannot exceed expected",
        "spec.failover.targets|[{cluster: go-1}]|spec.failover.targets: Invalid value: \"object\": spec.failover.targets: a cluster cannot fail over to itself",
        "spec.failover.targets|[{cluster: b}, {cluster: b}]|spec.failover: Invalid value: \"object\": spec.failover.targets: each target cluster may be listed only once",
        "metadata.name|Go_1|metadata.name: Invalid value: \"Go_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      })
  void eachBrokenFieldIsRefusedWithItsPath(String field, String value, String expected) throws Exception {
    // A wrong type, a missing required field or a value outside the enum leave the CEL rules unchecked, as on kube-apiserver.
    boolean blocks = expected.contains(" must be of type ") || expected.contains(": Unsupported value: ") || expected.endsWith(": Required value");
    assertEquals(blocks ? List.of(expected, RULES_SKIPPED) : List.of(expected), errors(with(field, value)));
  }

  @Test
  void aMaintenanceWindowsTimeZoneAndTimeMustHaveTheirFormButAZoneNobodyKnowsIsTheControllers() throws Exception {
    assertEquals(List.of(), errors(with("spec.maintenance", "[{reason: x, at: '21:00', duration: 30m, timeZone: Europe/Oslo},"
        + " {reason: y, at: '03:00:30', duration: 1h, timeZone: America/Argentina/Buenos_Aires}, {reason: z, at: '00:00', duration: 1h, timeZone: Etc/GMT+1},"
        + " {reason: o, at: '23:59', duration: 1h, timeZone: '+01:00'}, {reason: u, at: '12:00', duration: 1h, timeZone: UTC}]")));
    // A CEL rule has no zone database: Mars/Olympus has the form of a zone, and the controller ignores the window.
    assertEquals(List.of(), errors(with("spec.maintenance", "[{reason: x, at: '21:00', duration: 30m, timeZone: Mars/Olympus}]")));
    List<String> bad = errors(with("spec.maintenance", "[{reason: x, at: '9 pm', duration: 30m, timeZone: Europe Oslo}]"));
    assertEquals(2, bad.size(), bad.toString());
    assertTrue(bad.get(0).startsWith("spec.maintenance[0].at: Invalid value: \"9 pm\": spec.maintenance[0].at in body should match '^("), bad.get(0));
    assertTrue(bad.get(1).startsWith("spec.maintenance[0].timeZone: Invalid value: \"Europe Oslo\": spec.maintenance[0].timeZone in body should match"), bad.get(1));
    for (String zone : List.of("Europe/Oslo", "America/Argentina/Buenos_Aires", "Etc/GMT+1", "+01:00", "UTC+01:00", "Z", "GMT0", "EST5EDT")) {
      java.time.ZoneId.of(zone); // what the controller reads
      assertTrue(java.util.regex.Pattern.compile(io.failwise.api.MaintenanceWindowSpec.TIME_ZONE_PATTERN).matcher(zone).matches(), zone);
    }
  }

  @Test
  void aPolicysDurationsHaveMaximaSoNoTimeOverflows() throws Exception {
    CrdSchema policy = CrdSchemas.packaged().forKind("failwise.io/v1alpha1", "FailoverPolicy").orElseThrow();
    JsonNode p = yaml(
        """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPolicy
        metadata: {name: p, namespace: failwise}
        spec:
          selector: {clusters: [go-1]}
          cooldownSeconds: 604801
          trigger: {outageForSeconds: 9223372036854775807}
        """);
    assertEquals(
        List.of(
            "spec.cooldownSeconds: Invalid value: 604801: spec.cooldownSeconds in body should be less than or equal to 604800",
            "spec.trigger.outageForSeconds: Invalid value: 9223372036854775807: spec.trigger.outageForSeconds in body should be less than or equal to 86400"),
        policy.validate(p, null).errors().stream().map(FieldError::toString).toList());
  }

  @Test
  void aNumberFieldIsADoubleInCelHoweverItIsWritten() throws Exception {
    // kube-apiserver gives CEL a field of type number as a double: 150 and 150.0 are the same value, and
    // comparing it with a 1.5 beside it works. Read as the integer YAML wrote, the durationPrior rules
    // failed with "No matching overload" on a valid prior.
    CrdSchema policy = CrdSchemas.packaged().forKind("failwise.io/v1alpha1", "FailoverPolicy").orElseThrow();
    String base =
        """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPolicy
        metadata: {name: p, namespace: failwise}
        spec:
          selector: {matchLabels: {tier: go}}
          durationPrior: %s
        """;
    assertEquals(List.of(), policy.validate(yaml(base.formatted("{medianMinutes: 1.5, p90Minutes: 150}")), null).errors());
    assertEquals(List.of(), policy.validate(yaml(base.formatted("{medianMinutes: 90, p90Minutes: 360.0}")), null).errors());
    var tooWide = policy.validate(yaml(base.formatted("{medianMinutes: 1, p90Minutes: 43200}")), null).errors();
    assertEquals(1, tooWide.size(), tooWide.toString());
    assertTrue(tooWide.get(0).toString().contains("must be at most 100 times medianMinutes"), tooWide.toString());
  }

  @Test
  void unknownFieldsArePrunedAndReported() throws Exception {
    var result = CLUSTER.validate(with("spec.colour", "blue"), null);
    assertTrue(result.valid());
    assertEquals(List.of("spec.colour"), result.unknownFields());
    assertFalse(result.object().path("spec").has("colour"));
  }

  @Test
  void nullIsDroppedWhereTheSchemaIsNotNullable() throws Exception {
    // (A field with a default takes it instead: missingFieldsTakeTheSchemasDefaultsAsOnARealCluster.)
    var result = CLUSTER.validate(with("spec.failover.cutoverSeconds", "null"), null);
    assertTrue(result.valid(), result.errors().toString());
    assertFalse(result.object().path("spec").path("failover").has("cutoverSeconds"));
  }

  @Test
  void anUpdateThatLeavesABadFieldAloneIsNotRefusedForIt() throws Exception {
    JsonNode stored = with("spec.capacity.devices", "-5");
    var statusOnly = stored.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) statusOnly).set("status", yaml("health: Unknown"));
    assertEquals(List.of(), CLUSTER.validate(statusOnly, stored).errors(), "ratcheting: spec did not change");
    var changed = with("spec.capacity.devices", "-6");
    assertEquals(1, CLUSTER.validate(changed, stored).errors().size(), "a changed bad value is refused");
  }

  @Test
  void aTransitionRuleSeesTheOldObject() throws Exception {
    JsonNode run = yaml(
        """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: r1, namespace: failwise}
        spec: {playbook: regional, source: go-1, mode: Drill}
        """);
    assertEquals(List.of(), RUN.validate(run, null).errors(), "a create has no oldSelf");
    JsonNode edited = run.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) edited.get("spec")).put("source", "go-2");
    assertEquals(
        List.of("spec: Invalid value: \"object\": spec is immutable: abort this run and create another"),
        RUN.validate(edited, run).errors().stream().map(FieldError::toString).toList());
    assertEquals(List.of(), RUN.validate(run, run).errors(), "the same spec passes");
  }

  @Test
  void everyPackagedKindHasASchema() {
    assertEquals(
        List.of("Region", "Cluster", "FailoverPolicy", "FailoverPlaybook", "FailoverRun"),
        CrdSchemas.packaged().all().stream().map(CrdSchema::kind).toList());
  }

  /** The packaged rules compile when first evaluated; installing the same CRDs compiles every one up front. */
  @Test
  void everyPackagedRuleCompiles() throws Exception {
    CrdSchemas installed = CrdSchemas.empty();
    for (String file : CrdSchemas.PACKAGED_FILES) {
      installed.put(YAML.readTree(Files.readString(Path.of("manifests/crds", file))));
    }
    assertEquals(CrdSchemas.packaged().all().size(), installed.all().size());
  }

  @Test
  void aCrdWhoseRuleDoesNotCompileIsRefusedWithItsPlace() throws Exception {
    String crd = Files.readString(Path.of("manifests/crds/clusters.failwise.io-v1.yml"))
        .replace("rule: \"self.connected <= self.expected\"", "rule: \"self.connected <= \"");
    assertFalse(crd.equals(Files.readString(Path.of("manifests/crds/clusters.failwise.io-v1.yml"))), "the test breaks a rule");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CrdSchemas.empty().put(YAML.readTree(crd)));
    assertTrue(e.getMessage().startsWith("Cluster.spec.signals.static: x-kubernetes-validations rule 'self.connected <= ' does not compile"), e.getMessage());
  }
}
