package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.Region;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded API server as a newcomer meets it: the CRDs, the samples, and kubectl pointed at it. */
class EmbeddedApiServerIT extends OnSamplesServer {
  @Test
  void holdsTheSamples() {
    assertEquals(2, server.client().resources(Region.class).list().getItems().size());
    assertEquals(4, server.client().resources(Cluster.class).inNamespace("failwise").list().getItems().size());
  }

  @Test
  void kubectlListsClustersWithTheirPrinterColumns() throws Exception {
    String out = kubectl.run("get", "clusters.failwise.io", "-A");
    List<String> lines = out.lines().toList();
    assertTrue(lines.get(0).matches("NAMESPACE\\s+NAME\\s+REGION\\s+.*AGE"), out);
    assertEquals(5, lines.size(), out);
    assertTrue(out.contains("go-eu-west-1") && out.contains("eu-north"), out);
    assertTrue(kubectl.run("get", "fwregion").contains("PROVIDER"), "short names and columns for regions");
    assertEquals("Cluster", kubectl.run("get", "fwcluster", "-n", "failwise", "go-eu-west-2", "-o", "jsonpath={.kind}"));
    // --sort-by asks for each row's whole object (includeObject=Object) and sorts by a field of it: answered
    // with metadata only, kubectl printed "No resources found" for four clusters.
    String sorted = kubectl.run("get", "fwcluster", "-n", "failwise", "--sort-by=.spec.capacity.devices");
    assertEquals(5, sorted.lines().count(), sorted);
    List<String> names = sorted.lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
    List<Long> capacities = names.stream().map(n -> server.client().resources(Cluster.class).inNamespace("failwise").withName(n).get()
        .getSpec().capacity.devices).toList();
    assertEquals(capacities.stream().sorted().toList(), capacities, "rows in the order of the field: " + sorted);
  }

  @Test
  void kubectlWatchPrintsTheListedRowsOnceThenARowPerChange() throws Exception {
    // The embedded server answered kubectl's streamed watch with 400 ("kubectl get -w" failed); then,
    // streamed, it sent every listed object again and kubectl printed each row twice, NAME and AGE only.
    List<Process> started = new java.util.ArrayList<>();
    try {
      var lines = kubectl.watch(started, "get", "clusters.failwise.io", "-n", "failwise", "-w");
      List<String> seen = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        seen.add(next(lines, seen));
      }
      assertTrue(seen.get(0).matches("NAME\\s+REGION\\s+.*HEALTH\\s+AGE"), "the printer columns: " + seen);
      server.client().resources(Cluster.class).inNamespace("failwise").withName("go-eu-north-2")
          .editStatus(c -> {
            c.setStatus(c.getStatus() == null ? new io.failwise.api.ClusterStatus() : c.getStatus());
            c.getStatus().health = "Degraded";
            return c;
          });
      String changed = next(lines, seen);
      assertTrue(changed.startsWith("go-eu-north-2 ") && changed.contains("Degraded"),
          "after the header and the four listed clusters, the change: " + seen + " then " + changed);
    } finally {
      started.forEach(Process::destroyForcibly);
    }
  }

  @Test
  void kubectlWatchOfEventsHasItsColumnsAndPrintsEachEventOnce() throws Exception {
    var events = server.client().v1().events().inNamespace("failwise");
    events.resource(event("watch-before", "Cluster", "go-eu-north-1", "Normal", "Healthy", "go-eu-north-1 is healthy.")).create();
    int listed = events.list().getItems().size();
    List<Process> started = new java.util.ArrayList<>();
    try {
      var lines = kubectl.watch(started, "get", "events", "-n", "failwise", "-w");
      List<String> seen = new java.util.ArrayList<>();
      for (int i = 0; i <= listed; i++) {
        seen.add(next(lines, seen));
      }
      assertTrue(seen.get(0).matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE"), "kubectl's columns: " + seen);
      events.resource(event("watch-after", "Cluster", "go-eu-north-1", "Warning", "Outage", "go-eu-north-1 lost 30% of its devices.")).create();
      String added = next(lines, seen);
      assertTrue(added.contains("Warning") && added.contains("go-eu-north-1 lost 30% of its devices."),
          "after the header and the " + listed + " listed events, the new one: " + seen + " then " + added);
    } finally {
      started.forEach(Process::destroyForcibly);
    }
  }

  private static String next(java.util.concurrent.BlockingQueue<String> lines, List<String> seen) throws InterruptedException {
    String line = lines.poll(30, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(line != null && !line.startsWith("EXIT"), "kubectl get -w printed " + seen + ", then " + line);
    return line;
  }

  @Test
  void describeShowsTheEventsOfThatObjectOnlyAndGetEventsHasKubectlsColumns() throws Exception {
    var events = server.client().v1().events().inNamespace("failwise");
    events.resource(event("west-1-outage", "Cluster", "go-eu-west-1", "Warning", "Outage", "go-eu-west-1 lost 40% of its devices.")).create();
    events.resource(event("west-2-healthy", "Cluster", "go-eu-west-2", "Normal", "Healthy", "go-eu-west-2 is healthy.")).create();

    String described = kubectl.run("describe", "fwcluster", "go-eu-west-1", "-n", "failwise");
    assertTrue(described.contains("go-eu-west-1 lost 40% of its devices."), described);
    assertTrue(!described.contains("go-eu-west-2 is healthy."), "only the described object's events:\n" + described);

    String table = kubectl.run("get", "events", "-n", "failwise");
    assertTrue(table.lines().findFirst().orElse("").matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE"), table);
    assertTrue(table.contains("cluster/go-eu-west-1") && table.contains("Warning"), table);

    String byTime = kubectl.run("get", "events", "-n", "failwise", "--sort-by=.metadata.name");
    assertTrue(byTime.indexOf("go-eu-west-2 is healthy.") > byTime.indexOf("go-eu-west-1 lost 40%") && byTime.contains("lost 40%"),
        "sorted by a field of the whole events: " + byTime);

    String selected = kubectl.run("get", "ev", "-n", "failwise", "--field-selector", "involvedObject.name=go-eu-west-2");
    assertTrue(selected.contains("go-eu-west-2 is healthy.") && !selected.contains("lost 40%"), selected);
  }

  @Test
  void builtInShortNamesWork() throws Exception {
    assertTrue(kubectl.run("get", "cm", "-n", "failwise").contains("device-routing"));
    assertTrue(kubectl.run("get", "deploy", "-n", "failwise").contains("go-eu-north-2-gateway"));
  }

  private static io.fabric8.kubernetes.api.model.Event event(String name, String kind, String object, String type, String reason, String message) {
    return new io.fabric8.kubernetes.api.model.EventBuilder()
        .withNewMetadata().withName(name).withNamespace("failwise").endMetadata()
        .withNewInvolvedObject().withApiVersion("failwise.io/v1alpha1").withKind(kind).withName(object).withNamespace("failwise")
        .withUid(server.client().resources(Cluster.class).inNamespace("failwise").withName(object).get().getMetadata().getUid())
        .endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message)
        .withLastTimestamp(java.time.Instant.now().toString())
        .build();
  }

  @Test
  void kubectlApplyOfAClusterWithAStringForAnIntegerIsRefusedWith422NamingTheField() throws Exception {
    var out = kubectl.apply(badCluster("lots-of-devices", "capacity: {devices: lots}"));
    assertTrue(out.exitCode() != 0, out.output());
    assertTrue(
        out.output().contains("spec.capacity.devices: Invalid value: \"string\": spec.capacity.devices in body must be of type integer: \"string\""),
        out.output());
    assertTrue(server.client().resources(Cluster.class).inNamespace("failwise").withName("lots-of-devices").get() == null, "nothing stored");
  }

  @Test
  void kubectlApplyChecksUnknownFieldsOnTheServerAndExplainReadsTheCrds() throws Exception {
    var out = kubectl.apply("""
        apiVersion: failwise.io/v1alpha1
        kind: Region
        metadata: {name: eu-typo}
        spec: {provider: azure, location: westeurope, displayNmae: West Europe}
        """);
    assertTrue(out.exitCode() != 0, out.output());
    assertTrue(out.output().contains("strict decoding error: unknown field \"spec.displayNmae\""), out.output());
    assertTrue(server.client().resources(Region.class).withName("eu-typo").get() == null, "nothing stored");
    String explained = kubectl.run("explain", "fwcluster.spec.failover");
    assertTrue(explained.contains("cutoverSeconds") && explained.contains("KIND:       Cluster"), explained);
  }

  @Test
  void kubectlApplyOfAClusterThatBreaksACelRuleIsRefused() throws Exception {
    var out = kubectl.apply(badCluster("self-target", "capacity: {devices: 10}\n  failover: {targets: [{cluster: self-target}]}"));
    assertTrue(out.exitCode() != 0, out.output());
    assertTrue(out.output().contains("spec.failover.targets: a cluster cannot fail over to itself"), out.output());
    assertTrue(server.client().resources(Cluster.class).inNamespace("failwise").withName("self-target").get() == null, "nothing stored");
  }

  @Test
  void theClientGets422WithTheCausesAndAPatchIsCheckedAsAWhole() {
    var clusters = server.client().resources(Cluster.class).inNamespace("failwise");
    var e = assertThrows(KubernetesClientException.class,
        () -> clusters.withName("go-eu-west-1").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"capacity\":{\"devices\":-5}}}"));
    assertEquals(422, e.getCode());
    assertEquals("Cluster.failwise.io \"go-eu-west-1\" is invalid: spec.capacity.devices: Invalid value: -5: spec.capacity.devices in body should be greater than or equal to 0",
        e.getStatus().getMessage());
    assertEquals("spec.capacity.devices", e.getStatus().getDetails().getCauses().get(0).getField());
    assertEquals(250_000L, clusters.withName("go-eu-west-1").get().getSpec().capacity.devices, "the stored object is unchanged");
  }

  @Test
  void aRunsSpecCannotBeEditedAfterCreation() {
    var runs = server.client().resources(FailoverRun.class).inNamespace("failwise");
    FailoverRun run = new FailoverRun();
    run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("immutable").withNamespace("failwise").build());
    run.setSpec(new FailoverRunSpec());
    run.getSpec().playbook = "regional";
    run.getSpec().source = "go-eu-west-1";
    runs.resource(run).create();
    var e = assertThrows(KubernetesClientException.class,
        () -> runs.withName("immutable").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"source\":\"go-eu-west-2\"}}"));
    assertEquals(422, e.getCode());
    assertTrue(e.getStatus().getMessage().contains("spec: Invalid value: \"object\": spec is immutable"), e.getStatus().getMessage());
    assertEquals("go-eu-west-1", runs.withName("immutable").get().getSpec().source);
  }

  @Test
  void aMergePatchReplacesAListAndNullRemovesAField() {
    // As kube-apiserver applies it (RFC 7386): fabric8's mock server would append the patch's list to the
    // stored one, so go-eu-west-2 would end with three targets, its old first one still in force.
    var clusters = server.client().resources(Cluster.class).inNamespace("failwise");
    Cluster c = clusters.withName("go-eu-west-2").get();
    assertEquals(2, c.getSpec().failover.targets.size());
    clusters.withName("go-eu-west-2")
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"fleet\":null,\"drill\":\"yes\"}},\"spec\":{\"failover\":{\"targets\":[{\"cluster\":\"go-eu-north-1\",\"priority\":0}]}}}");
    Cluster patched = clusters.withName("go-eu-west-2").get();
    assertEquals(1, patched.getSpec().failover.targets.size(), patched.getSpec().failover.targets.toString());
    assertEquals("go-eu-north-1", patched.getSpec().failover.targets.get(0).cluster);
    assertEquals(java.util.Map.of("drill", "yes"), patched.getMetadata().getLabels(), "null removes the label");
    assertEquals(600L, patched.getSpec().failover.cutoverSeconds, "what the patch does not name stays");
    var notAnObject = assertThrows(KubernetesClientException.class,
        () -> clusters.withName("go-eu-west-2").patch(PatchContext.of(PatchType.JSON_MERGE), "[1]"));
    assertEquals(400, notAnObject.getCode(), notAnObject.getMessage());
    assertEquals(1, clusters.withName("go-eu-west-2").get().getSpec().failover.targets.size(), "nothing changed");
    clusters.withName("go-eu-west-2").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"fleet\":\"chargers\",\"drill\":null}},"
        + "\"spec\":{\"failover\":{\"targets\":[{\"cluster\":\"go-eu-north-2\",\"priority\":0},{\"cluster\":\"go-eu-north-1\",\"priority\":1}]}}}");
  }

  @Test
  void kubectlPatchOfACustomResourceWantsAMergePatchAsOnARealCluster() throws Exception {
    // kubectl patch defaults to a strategic merge patch, which kube-apiserver refuses for a custom resource
    // (415): a command that works here must work on a real cluster. --type merge is the one that does.
    KubectlOnServer.Outcome strategic = kubectl.outcome("patch", "fwcluster", "go-eu-north-2", "-p", "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}");
    assertTrue(strategic.exitCode() != 0, strategic.output());
    assertTrue(strategic.output().contains("application/merge-patch+json"), strategic.output());
    var clusters = server.client().resources(Cluster.class).inNamespace("failwise");
    assertEquals(null, clusters.withName("go-eu-north-2").get().getMetadata().getLabels().get("tier"), "nothing changed");
    kubectl.run("patch", "fwcluster", "go-eu-north-2", "--type", "merge", "-p", "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}");
    assertEquals("gold", clusters.withName("go-eu-north-2").get().getMetadata().getLabels().get("tier"));
    kubectl.run("patch", "fwcluster", "go-eu-north-2", "--type", "merge", "-p", "{\"metadata\":{\"labels\":{\"tier\":null}}}");
    assertEquals(null, clusters.withName("go-eu-north-2").get().getMetadata().getLabels().get("tier"));
  }

  @Test
  void aPolicyWithoutAModeIsStoredInShadowAsOnARealCluster() throws Exception {
    // kube-apiserver sets the CRD's defaults on every write: a FailoverPolicy applied without a mode is
    // Shadow there, in `kubectl get -o yaml`, in the MODE column and for the CEL rules. So here. An
    // empty trigger gets its defaults inside; durationPrior, absent with no default, stays absent.
    var policies = server.client().genericKubernetesResources("failwise.io/v1alpha1", "FailoverPolicy").inNamespace("failwise");
    policies.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPolicy
        metadata: {name: defaults, namespace: failwise}
        spec: {selector: {clusters: [go-eu-west-1]}, trigger: {}}
        """, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();
    try {
      var stored = policies.withName("defaults").get();
      assertEquals("Shadow", (String) stored.get("spec", "mode"));
      assertEquals(3600, ((Number) stored.get("spec", "cooldownSeconds")).intValue());
      assertEquals(1000, ((Number) stored.get("spec", "trigger", "minOfflineDevices")).intValue());
      assertEquals(null, (Object) stored.get("spec", "durationPrior"));
      String row = kubectl.run("get", "fwpolicy", "defaults", "--no-headers");
      assertTrue(row.matches("(?s)defaults\\s+Shadow\\s.*"), row);
    } finally {
      policies.withName("defaults").delete();
    }
  }

  private static String badCluster(String name, String specLines) {
    return """
        apiVersion: failwise.io/v1alpha1
        kind: Cluster
        metadata: {name: %s, namespace: failwise}
        spec:
          region: eu-west
          %s
          admission: {devicesPerSecond: 10}
          signals: {static: {expected: 5, connected: 5}}
        """.formatted(name, specLines);
  }
}
