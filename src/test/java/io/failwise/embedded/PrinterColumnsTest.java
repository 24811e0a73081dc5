package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The events of a watch kubectl asks to see as Tables: one row each, the header once, errors as they are. */
class PrinterColumnsTest {
  private static final JsonNode VERSION = parse("""
      {"name": "v1alpha1", "additionalPrinterColumns": [
        {"name": "Health", "type": "string", "jsonPath": ".status.health"},
        {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]}
      """);

  private static JsonNode read(String json) throws Exception {
    return Serialization.jsonMapper().readTree(json);
  }

  private static JsonNode parse(String json) {
    try {
      return read(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rows of one watch of Clusters. */
  private static UnaryOperator<String> rows() {
    return PrinterColumns.watchRows(o -> PrinterColumns.table(VERSION, java.util.List.of(o), java.time.Instant.now()));
  }

  private static String event(String type, String name, String health) {
    return "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"Cluster\",\"metadata\":{\"name\":\"" + name
        + "\",\"creationTimestamp\":\"2026-03-12T20:00:00Z\"},\"status\":{\"health\":\"" + health + "\"}}}";
  }

  @Test
  void eachEventIsATableOfOneRowWithTheHeaderInTheFirstOnly() throws Exception {
    UnaryOperator<String> rows = rows();
    JsonNode first = read(rows.apply(event("ADDED", "a", "Healthy")));
    JsonNode second = read(rows.apply(event("MODIFIED", "a", "Outage")));
    assertEquals("ADDED", first.path("type").asText());
    assertEquals("Table", first.path("object").path("kind").asText());
    assertEquals("Health", first.path("object").path("columnDefinitions").get(1).path("name").asText());
    assertEquals("a", first.path("object").path("rows").get(0).path("cells").get(0).asText());
    assertEquals("MODIFIED", second.path("type").asText());
    assertFalse(second.path("object").has("columnDefinitions"), "the header once");
    assertEquals("Outage", second.path("object").path("rows").get(0).path("cells").get(1).asText());
  }

  @Test
  void anErrorEventKeepsItsStatus() throws Exception {
    UnaryOperator<String> rows = rows();
    String error = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"too old resource version\",\"reason\":\"Expired\",\"code\":410}}";
    assertEquals(error, rows.apply(error), "kubectl reads the Status: a 410 makes it list again");
    assertEquals("not json", rows.apply("not json"));
  }
  @Test
  void aListOfDeploymentsShowsTheirReplicasAndHowManyAreReady() throws Exception {
    // The tutorial has the reader check a gateway's replicas with kubectl get deploy: without columns
    // kubectl showed NAME and AGE only.
    JsonNode list = read("{\"kind\":\"DeploymentList\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[{\"metadata\":{\"name\":"
        + "\"go-eu-north-1-gateway\",\"creationTimestamp\":\"2026-03-12T20:00:00Z\"},\"spec\":{\"replicas\":6},\"status\":{\"readyReplicas\":2}}]}");
    var table = PrinterColumns.table(java.util.List.of(), "/apis/apps/v1/namespaces/failwise/deployments", list,
        java.time.Instant.parse("2026-03-12T20:05:00Z")).orElseThrow();
    assertEquals("[\"Name\",\"Replicas\",\"Ready\",\"Age\"]",
        Serialization.asJson(java.util.stream.StreamSupport.stream(table.path("columnDefinitions").spliterator(), false).map(c -> c.path("name").asText()).toList()));
    assertEquals("[\"go-eu-north-1-gateway\",6,2,\"5m\"]", table.path("rows").get(0).path("cells").toString());
    assertEquals("7", table.path("metadata").path("resourceVersion").asText(), "kubectl -w watches from it");
    assertFalse(PrinterColumns.table(java.util.List.of(), "/api/v1/namespaces/failwise/configmaps", list, java.time.Instant.now()).isPresent());
  }
}
