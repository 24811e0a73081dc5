package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.failwise.api.Cluster;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.cli.files.SourcedDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceFilesTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsTheSamplesAsTypedResources() {
    List<SourcedDocument> docs = ResourceFiles.read(List.of(Path.of("manifests/samples")));
    assertEquals(11, docs.size(), "2 regions, 4 clusters, the routing ConfigMap and 4 gateway Deployments");
    SourcedDocument first = docs.stream().filter(d -> d.kind().equals("Cluster")).findFirst().orElseThrow();
    Cluster c = ResourceFiles.convert(first, Cluster.class);
    assertEquals("go-eu-west-1", c.getMetadata().getName());
    assertEquals(960.0, c.getSpec().admission.devicesPerSecond);
  }

  @Test
  void aListDocumentIsReadAsItsItemsEachNamingTheFileTheDocumentAndTheItem() throws Exception {
    // What `kubectl get fwcluster -o yaml` writes: one document, kind List, the objects in items.
    Path f =
        write(
            "clusters.yaml",
            "apiVersion: failwise.io/v1alpha1\nkind: Region\nmetadata: {name: eu-west}\n---\n"
                + "apiVersion: v1\nitems:\n"
                + "- apiVersion: failwise.io/v1alpha1\n  kind: Cluster\n  metadata: {name: west-1, namespace: failwise, uid: a1, resourceVersion: \"7\"}\n"
                + "  spec: {capacity: {devices: 10}}\n"
                + "- apiVersion: failwise.io/v1alpha1\n  kind: Cluster\n  metadata: {name: west-2, namespace: failwise}\n"
                + "  spec: {capacity: {devices: lots}}\n"
                + "kind: List\nmetadata: {resourceVersion: \"\"}\n");
    List<SourcedDocument> docs = ResourceFiles.read(List.of(f));
    assertEquals(List.of("Region", "Cluster", "Cluster"), docs.stream().map(SourcedDocument::kind).toList());
    assertEquals(f + ", document 1 (Region eu-west)", docs.get(0).where());
    assertEquals(f + ", document 2, items[0] (Cluster west-1)", docs.get(1).where());
    assertEquals(10L, ResourceFiles.convert(docs.get(1), Cluster.class).getSpec().capacity.devices);
    var e = assertThrows(UserInputException.class, () -> ResourceFiles.convert(docs.get(2), Cluster.class));
    assertEquals(f + ", document 2, items[1] (Cluster west-2): spec.capacity.devices: must be a whole number, got the text 'lots'", e.getMessage());
  }

  @Test
  void theItemsOfATypedListTakeItsKindAndApiVersionWhenTheyLeaveThemOut() throws Exception {
    // What the API server answers a list request with (kubectl get --raw, a client's list): items without kind.
    Path f =
        write(
            "playbooks.json",
            "{\"apiVersion\": \"failwise.io/v1alpha1\", \"kind\": \"FailoverPlaybookList\", \"metadata\": {\"resourceVersion\": \"42\"},"
                + " \"items\": [{\"metadata\": {\"name\": \"regional-failover\", \"namespace\": \"failwise\"}, \"spec\": {\"steps\": []}}]}\n");
    SourcedDocument doc = ResourceFiles.read(List.of(f)).get(0);
    assertEquals("FailoverPlaybook", doc.kind());
    assertEquals("failwise.io/v1alpha1", doc.node().path("apiVersion").asText());
    assertEquals(f + ", document 1, items[0] (FailoverPlaybook regional-failover)", doc.where());
    assertEquals(List.of(), ResourceFiles.read(List.of(write("empty.yaml", "apiVersion: v1\nkind: List\nitems: []\n"))), "no items, no objects");
  }

  @Test
  void anItemThatIsNotAnObjectIsRefusedNamingIt() throws Exception {
    Path f = write("odd.yaml", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- just text\n");
    var e = assertThrows(UserInputException.class, () -> ResourceFiles.read(List.of(f)));
    assertEquals(f + ", document 1, items[1]: expected a mapping with apiVersion, kind, metadata and spec", e.getMessage());
  }

  /** A List whose items are not a list is an error, not a document of an unknown kind that is skipped. */
  @Test
  void aListWhoseItemsAreNotAListIsRefusedSayingWhatIsValid() throws Exception {
    Path f = write("broken.yaml", "apiVersion: v1\nkind: List\nitems: \"x\"\n");
    var e = assertThrows(UserInputException.class, () -> ResourceFiles.read(List.of(f)));
    assertEquals(f + ", document 1 (List): items: must be a list of objects (one '- item' per line, or [a, b]), got the text 'x'", e.getMessage());
    Path typed = write("typed.yaml", "apiVersion: failwise.io/v1alpha1\nkind: FailoverPlaybookList\nitems: {a: b}\n");
    var t = assertThrows(UserInputException.class, () -> ResourceFiles.read(List.of(typed)));
    assertEquals(typed + ", document 1 (FailoverPlaybookList): items: must be a list of objects (one '- item' per line, or [a, b]), got a map",
        t.getMessage());
    assertEquals(List.of(), ResourceFiles.read(List.of(write("none.yaml", "apiVersion: v1\nkind: List\nmetadata: {}\n"))), "no items, no objects");
  }

  /** A List inside a List is read as its items, as kubectl apply flattens it, each naming its path. */
  @Test
  void aListInsideAListIsReadAsItsItemsAsKubectlApplyReadsIt() throws Exception {
    Path f = write("nested.yaml", "apiVersion: v1\nkind: List\nitems:\n"
        + "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n"
        + "- apiVersion: v1\n  kind: List\n  items:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b}\n"
        + "  - apiVersion: failwise.io/v1alpha1\n    kind: FailoverPlaybookList\n    items:\n    - metadata: {name: c}\n");
    List<SourcedDocument> docs = ResourceFiles.read(List.of(f));
    assertEquals(List.of(f + ", document 1, items[0] (ConfigMap a)", f + ", document 1, items[1].items[0] (ConfigMap b)",
        f + ", document 1, items[1].items[1].items[0] (FailoverPlaybook c)"), docs.stream().map(SourcedDocument::where).toList());
  }

  /** A folder is read for *.json too, as kubectl apply -f DIR reads it. */
  @Test
  void aFolderIsReadForJsonFilesToo() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("manifests"));
    Files.writeString(folder.resolve("region.json"), "{\"apiVersion\": \"failwise.io/v1alpha1\", \"kind\": \"Region\", \"metadata\": {\"name\": \"eu\"}}\n");
    Files.writeString(folder.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    Files.writeString(folder.resolve("notes.txt"), "not a manifest\n");
    List<SourcedDocument> docs = ResourceFiles.read(List.of(folder));
    assertEquals(List.of(folder.resolve("cm.yaml") + ", document 1 (ConfigMap a)", folder.resolve("region.json") + ", document 1 (Region eu)"),
        docs.stream().map(SourcedDocument::where).toList());
  }

  /** A file given twice (a folder and a file in it, as kubectl apply -f DIR -f FILE takes) is read once: not a duplicate of itself. */
  @Test
  void aFileGivenTwiceIsReadOnce() throws Exception {
    Path f = write("region.yaml", "apiVersion: failwise.io/v1alpha1\nkind: Region\nmetadata: {name: eu}\n");
    assertEquals(1, ResourceFiles.read(List.of(dir, f, Path.of(dir + "/./region.yaml"))).size());
  }

  @Test
  void aWrongTypeNamesFileDocumentAndField() throws Exception {
    Path f =
        write(
            "bad.yaml",
            "kind: Region\nmetadata: {name: x}\n---\napiVersion: failwise.io/v1alpha1\nkind: Cluster\n"
                + "metadata: {name: west-1}\nspec:\n  capacity: {devices: lots}\n");
    var doc = ResourceFiles.read(List.of(f)).get(1);
    var e = assertThrows(UserInputException.class, () -> ResourceFiles.convert(doc, Cluster.class));
    assertEquals(f + ", document 2 (Cluster west-1): spec.capacity.devices: must be a whole number, got the text 'lots'", e.getMessage());
  }

  @Test
  void aMapWhereAListBelongsAndAListWhereAMapBelongsSayWhatIsValid() throws Exception {
    // Jackson's own words ("Cannot deserialize value of type java.util.ArrayList from Object value") name
    // a Java class; a person writing YAML needs the shape that is valid there and the one they wrote.
    Path f =
        write(
            "shapes.yaml",
            "apiVersion: failwise.io/v1alpha1\nkind: Cluster\nmetadata: {name: west-1}\nspec:\n"
                + "  failover:\n    targets: {cluster: north-1}\n"
                + "---\napiVersion: failwise.io/v1alpha1\nkind: Cluster\nmetadata: {name: west-2}\nspec:\n  capacity: [1, 2]\n"
                + "---\napiVersion: failwise.io/v1alpha1\nkind: Cluster\nmetadata: {name: west-3}\nspec:\n  region: {name: eu}\n");
    var docs = ResourceFiles.read(List.of(f));
    var list = assertThrows(UserInputException.class, () -> ResourceFiles.convert(docs.get(0), Cluster.class));
    assertEquals(
        f + ", document 1 (Cluster west-1): spec.failover.targets: must be a list (one '- item' per line, or [a, b]), got a map",
        list.getMessage());
    var map = assertThrows(UserInputException.class, () -> ResourceFiles.convert(docs.get(1), Cluster.class));
    assertEquals(f + ", document 2 (Cluster west-2): spec.capacity: must be a map of fields (name: value), got a list", map.getMessage());
    var text = assertThrows(UserInputException.class, () -> ResourceFiles.convert(docs.get(2), Cluster.class));
    assertEquals(f + ", document 3 (Cluster west-3): spec.region: must be a text, got a map", text.getMessage());
  }

  @Test
  void anUnknownFieldListsTheValidOnes() throws Exception {
    Path f = write("typo.yaml", "kind: Cluster\nmetadata: {name: a}\nspec:\n  admision: {devicesPerSecond: 5}\n");
    var doc = ResourceFiles.read(List.of(f)).get(0);
    var e = assertThrows(UserInputException.class, () -> ResourceFiles.convert(doc, Cluster.class));
    assertEquals(
        f + ", document 1 (Cluster a): unknown field spec.admision (valid here: admission, capacity, failover, maintenance, region, signals)",
        e.getMessage());
  }

  @Test
  void brokenYamlSaysWhere() throws Exception {
    Path f = write("broken.yaml", "kind: Cluster\nmetadata: {name: a\n");
    var e = assertThrows(UserInputException.class, () -> ResourceFiles.read(List.of(f)));
    assertEquals(true, e.getMessage().startsWith(f + ", document 1: not valid YAML at line"), e.getMessage());
    var missing = assertThrows(UserInputException.class, () -> ResourceFiles.read(List.of(dir.resolve("nope.yaml"))));
    assertEquals(dir.resolve("nope.yaml") + ": no such file or folder", missing.getMessage());
  }

  @Test
  void aCountIsAWholeNumberNotTruncatedNorABoolean() throws Exception {
    // Read as a long, 0.9 devices would silently be 0 devices; true would be Jackson's words about tokens.
    Path f =
        write(
            "counts.yaml",
            "kind: Cluster\nmetadata: {name: a}\nspec:\n  capacity: {devices: 0.9}\n"
                + "---\nkind: Cluster\nmetadata: {name: b}\nspec:\n  capacity: {devices: true}\n"
                + "---\nkind: Cluster\nmetadata: {name: c}\nspec:\n  capacity: {devices: 1.0}\n");
    var docs = ResourceFiles.read(List.of(f));
    var fraction = assertThrows(UserInputException.class, () -> ResourceFiles.convert(docs.get(0), Cluster.class));
    assertEquals(f + ", document 1 (Cluster a): spec.capacity.devices: must be a whole number, got '0.9'", fraction.getMessage());
    var bool = assertThrows(UserInputException.class, () -> ResourceFiles.convert(docs.get(1), Cluster.class));
    assertEquals(f + ", document 2 (Cluster b): spec.capacity.devices: must be a whole number, got 'true'", bool.getMessage());
    // A whole number written with a decimal point is a whole number, as the API server's decoder reads it.
    assertEquals(1L, ResourceFiles.convert(docs.get(2), Cluster.class).getSpec().capacity.devices);
  }

  /** A whole number beyond what its field holds names the field and the range, not Jackson's "out of range of int". */
  @Test
  void aNumberTooLargeForItsFieldNamesTheFieldAndTheRange() throws Exception {
    Path f = write("big.yaml", "kind: Cluster\nmetadata: {name: a}\nspec:\n  failover: {targets: [{cluster: b, priority: 99999999999}]}\n"
        + "---\nkind: Cluster\nmetadata: {name: c}\nspec:\n  capacity: {devices: 99999999999999999999}\n");
    var docs = ResourceFiles.read(List.of(f));
    var priority = assertThrows(UserInputException.class, () -> ResourceFiles.convert(docs.get(0), Cluster.class));
    assertEquals(f + ", document 1 (Cluster a): spec.failover.targets[0].priority: must be a whole number from -2,147,483,648 to 2,147,483,647,"
        + " got 99999999999", priority.getMessage());
    var devices = assertThrows(UserInputException.class, () -> ResourceFiles.convert(docs.get(1), Cluster.class));
    assertEquals(f + ", document 2 (Cluster c): spec.capacity.devices: must be a whole number from -9,223,372,036,854,775,808 to"
        + " 9,223,372,036,854,775,807, got 99999999999999999999", devices.getMessage());
  }

  /** A number too large for its field gives the field's own bounds where its CRD sets them: replicas are from 0. */
  @Test
  void aNumberTooLargeForAFieldWithASchemaMinimumSaysThatMinimum() throws Exception {
    Path f = write("big.yaml", "apiVersion: failwise.io/v1alpha1\nkind: FailoverPlaybook\nmetadata: {name: p, namespace: failwise}\n"
        + "spec:\n  steps:\n  - name: scale\n    scale: {kind: Deployment, name: gw, replicas: 99999999999999999999}\n");
    var e = assertThrows(UserInputException.class, () -> ResourceFiles.convert(ResourceFiles.read(List.of(f)).get(0), io.failwise.api.FailoverPlaybook.class));
    assertEquals(f + ", document 1 (FailoverPlaybook p): spec.steps[0].scale.replicas: must be a whole number from 0 to 2,147,483,647, got"
        + " 99999999999999999999", e.getMessage());
  }

  @Test
  void notANumberAndInfinityNameTheLineAndTheField() throws Exception {
    // Valid YAML the reader cannot take; the person needs the field and a finite number, not "Malformed numeric value".
    Path nan = write("nan.yaml", "kind: Cluster\nmetadata: {name: a}\nspec:\n  admission: {devicesPerSecond: .nan}\n");
    var e = assertThrows(UserInputException.class, () -> ResourceFiles.read(List.of(nan)));
    assertEquals(nan + ", document 1, line 4: devicesPerSecond: .nan is not a number (NaN); give a finite number", e.getMessage());
    Path inf = write("inf.yaml", "kind: Cluster\nmetadata: {name: a}\nspec:\n  capacity:\n    devices: -.Inf   # a comment\n");
    e = assertThrows(UserInputException.class, () -> ResourceFiles.read(List.of(inf)));
    assertEquals(inf + ", document 1, line 5: devices: -.Inf is infinite; give a finite number", e.getMessage());
  }

  @Test
  void aFileThatIsNotUtf8SaysWhichByte() throws Exception {
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, "kind: Region\nmetadata: {name: m\u00fcnchen}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    var e = assertThrows(UserInputException.class, () -> ResourceFiles.read(List.of(latin1)));
    assertEquals(latin1 + ": not UTF-8 text (byte 0xFC at offset 31; is it a binary file, or saved in another encoding?)", e.getMessage());
  }
}
