package io.failwise.operator.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.failwise.api.Cluster;
import io.failwise.api.Region;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Failwise object that does not read becomes a marked shell, and a list of them still reads. */
class TolerantCustomResourcesTest {
  private static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    new TolerantObjectMapper().customize(mapper);
    return new KubernetesSerialization(mapper, true);
  }

  @Test
  void aClusterWithLotsOfDevicesIsAMarkedShellWithItsMetadata() {
    Cluster c = serialization().unmarshal("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "Cluster",
         "metadata": {"name": "bad", "namespace": "ns", "uid": "u1", "labels": {"a": "b"}},
         "spec": {"region": "r", "capacity": {"devices": "lots"}}}""", Cluster.class);
    assertEquals("bad", c.getMetadata().getName());
    assertEquals("b", c.getMetadata().getLabels().get("a"));
    assertNull(c.getSpec());
    assertTrue(Unreadable.problem(c).orElseThrow().startsWith("spec.capacity.devices: "), Unreadable.problem(c).orElseThrow());
    assertTrue(Unreadable.problem(c).orElseThrow().contains("lots"), Unreadable.problem(c).orElseThrow());
  }

  private static String problem(Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type, String json) {
    return Unreadable.problem(serialization().unmarshal(json, type)).orElseThrow();
  }

  /** The problem is told in YAML's words: "Cannot deserialize value of type `java.lang.Long`" meant nothing to an SRE. */
  @Test
  void theProblemNamesTheFieldAndWhatItShouldBeInAYamlAuthorsWords() {
    String cluster = "{\"apiVersion\": \"failwise.io/v1alpha1\", \"kind\": \"Cluster\", \"metadata\": {\"name\": \"bad\"}, \"spec\": ";
    assertEquals("spec.capacity.devices: cannot read \"lots\" as a whole number",
        problem(Cluster.class, cluster + "{\"region\": \"r\", \"capacity\": {\"devices\": \"lots\"}}}"));
    assertEquals("spec.capacity.devices: expected a whole number, got a map",
        problem(Cluster.class, cluster + "{\"region\": \"r\", \"capacity\": {\"devices\": {\"a\": 1}}}}"));
    assertEquals("spec.displayName: expected a text, got a list", problem(Region.class,
        "{\"apiVersion\": \"failwise.io/v1alpha1\", \"kind\": \"Region\", \"metadata\": {\"name\": \"bad\"}, \"spec\": {\"displayName\": [\"a\"]}}"));
    assertEquals("spec.mode: cannot read \"Drills\" as one of Plan, Drill, Failover", problem(io.failwise.api.FailoverRun.class,
        "{\"apiVersion\": \"failwise.io/v1alpha1\", \"kind\": \"FailoverRun\", \"metadata\": {\"name\": \"bad\"}, \"spec\": {\"mode\": \"Drills\"}}"));
  }

  @Test
  void aListWithOneBadRegionReadsTheOthers() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    new TolerantObjectMapper().customize(mapper);
    new KubernetesSerialization(mapper, true);
    var list = mapper.readValue("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "RegionList", "metadata": {},
         "items": [
           {"apiVersion": "failwise.io/v1alpha1", "kind": "Region", "metadata": {"name": "bad"}, "spec": {"displayName": ["a", "b"]}},
           {"apiVersion": "failwise.io/v1alpha1", "kind": "Region", "metadata": {"name": "good"}, "spec": {"displayName": "Good"}}]}""",
        new com.fasterxml.jackson.core.type.TypeReference<io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList<Region>>() {});
    List<Region> items = list.getItems();
    assertEquals(List.of("bad", "good"), items.stream().map(r -> r.getMetadata().getName()).toList());
    assertTrue(Unreadable.isUnreadable(items.get(0)));
    assertEquals("Good", items.get(1).getSpec().displayName);
    assertTrue(Unreadable.readable(items.get(1)));
  }

  @Test
  void aCopyOfAShellIsStillUnreadableAndDoesNotClearTheReport() {
    java.util.List<String> told = new java.util.ArrayList<>();
    TolerantCustomResources.listener(
        new TolerantCustomResources.Listener() {
          @Override
          public void unreadable(io.fabric8.kubernetes.client.CustomResource<?, ?> shell, String problem) {
            told.add("unreadable " + shell.getMetadata().getName());
          }

          @Override
          public void readable(io.fabric8.kubernetes.client.CustomResource<?, ?> resource) {
            told.add("readable " + resource.getMetadata().getName());
          }
        });
    try {
      KubernetesSerialization s = serialization();
      Region shell = s.unmarshal("""
          {"apiVersion": "failwise.io/v1alpha1", "kind": "Region", "metadata": {"name": "bad", "uid": "u"}, "spec": {"displayName": ["a"]}}""",
          Region.class);
      Region copy = s.clone(shell); // what JOSDK does with what it caches
      assertTrue(Unreadable.isUnreadable(copy));
      s.unmarshal("""
          {"apiVersion": "failwise.io/v1alpha1", "kind": "Region", "metadata": {"name": "good"}, "spec": {"displayName": "Good"}}""", Region.class);
      assertEquals(List.of("unreadable bad", "readable good"), told);
    } finally {
      TolerantCustomResources.listener(null);
    }
  }
}
