package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.testing.Cli;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** `failwise validate -o json|junit|github`: what a pipeline reads, for a broken playbook and for the repository's own. */
class ValidateOutputTest {
  @TempDir Path dir;

  private Path broken() throws Exception {
    Path f = dir.resolve("bad, \"odd\" <name>.yaml");
    Files.writeString(
        f,
        """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPlaybook
        metadata: {name: empty, namespace: fleet}
        spec: {steps: []}
        """);
    return f;
  }

  @Test
  void junitOutputIsJUnitXmlWithOneFailurePerProblem() throws Exception {
    Path f = broken();
    Cli.Result r = Cli.run("validate", "-o", "junit", f.toString());
    assertEquals(2, r.exitCode(), r.err());
    Document doc =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    Element suites = doc.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    int failures = Integer.parseInt(suites.getAttribute("failures"));
    assertTrue(failures >= 1, r.out());
    assertEquals(failures, doc.getElementsByTagName("failure").getLength());
    Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
    assertEquals(f.toString(), testcase.getAttribute("classname"), "the file, with its comma, quotes and brackets, survives");
    assertTrue(testcase.getAttribute("name").contains("FailoverPlaybook empty"), testcase.getAttribute("name"));
    assertTrue(((Element) doc.getElementsByTagName("failure").item(0)).getAttribute("message").contains("spec.steps"), r.out());
  }

  @Test
  void junitOutputOfValidPlaybooksIsOnePassingTest() throws Exception {
    Cli.Result r = Cli.run("validate", "-o", "junit", "playbooks/quarterly-drill.yaml", "playbooks/regional-failover.yaml");
    assertEquals(0, r.exitCode(), r.err());
    Document doc =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    assertEquals(1, doc.getElementsByTagName("testcase").getLength());
  }

  @Test
  void githubOutputAnnotatesTheFileWithEscapedProperties() throws Exception {
    Path f = broken();
    Cli.Result r = Cli.run("validate", "-o", "github", f.toString());
    assertEquals(2, r.exitCode());
    String first = r.out().lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("::error file=" + f.toString().replace(",", "%2C") + ",title=failwise validate%3A FailoverPlaybook empty::document 1: spec.steps"), first);
  }

  /**
   * A syntax error points at its line and column, the line of the problem (a tab on line 3), not where the
   * parser stood when it met it (line 2, column 5): the annotation then sits on the line to fix.
   */
  @Test
  void aSyntaxErrorIsAnnotatedOnTheLineToFix() throws Exception {
    Path f = java.nio.file.Files.writeString(dir.resolve("tabs.yaml"), "kind: Scenario\nspec:\n\tat: x\n");
    Cli.Result text = Cli.run("validate", f.toString());
    assertTrue(text.err().startsWith(f + ", document 1: not valid YAML at line 3, column 1: "), text.err());
    Cli.Result r = Cli.run("validate", "-o", "github", f.toString());
    String first = r.out().lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("::error file=" + f.toString().replace(",", "%2C") + ",line=3,col=1,title=failwise validate::"), first);
  }

  @Test
  void jsonOutputSplitsFileDocumentResourceAndMessage() throws Exception {
    Path f = broken();
    Cli.Result r = Cli.run("validate", "-o", "json", f.toString());
    assertEquals(2, r.exitCode());
    JsonNode p = r.json().path("problems").get(0);
    assertEquals(false, r.json().path("ok").asBoolean());
    assertEquals(f.toString(), p.path("file").asText());
    assertEquals(1, p.path("document").asInt());
    assertEquals("FailoverPlaybook empty", p.path("resource").asText());
    assertTrue(p.path("message").asText().startsWith("spec.steps"), p.toString());
  }

  /**
   * One wrong enum value is one problem for a pipeline too. kube-apiserver's note that the CEL rules were
   * then left unchecked was a second entry of {@code problems} (a second {@code ::error}, with no field)
   * while the summary said "1 problem": it is a note beside them now.
   */
  @Test
  void theNoteThatRulesWereNotCheckedIsANoteForAPipelineNotASecondProblem() throws Exception {
    Path f = java.nio.file.Files.writeString(dir.resolve("mode.yaml"), "apiVersion: failwise.io/v1alpha1\nkind: FailoverPolicy\n"
        + "metadata: {name: p, namespace: failwise}\nspec:\n  selector: {clusters: [a]}\n  mode: Sometimes\n");
    Cli.Result json = Cli.run("validate", "-o", "json", f.toString());
    assertEquals(2, json.exitCode(), json.out());
    assertEquals("1 problem", json.json().path("summary").asText());
    assertEquals(1, json.json().path("problems").size(), json.out());
    assertTrue(json.json().path("problems").get(0).path("message").asText().startsWith("spec.mode: Unsupported value"), json.out());
    assertEquals(1, json.json().path("notes").size(), json.out());
    assertTrue(json.json().path("notes").get(0).path("message").asText().contains("some validation rules were not checked"), json.out());
    Cli.Result github = Cli.run("validate", "-o", "github", f.toString());
    assertEquals(1, github.out().lines().filter(l -> l.startsWith("::error ")).count(), github.out());
    assertEquals(1, github.out().lines().filter(l -> l.startsWith("::notice ") && l.contains("some validation rules")).count(), github.out());
  }

  @Test
  void anUnknownFormatIsRefusedNamingTheValidOnes() {
    Cli.Result r = Cli.run("validate", "-o", "xml", "playbooks/");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("junit") && r.err().contains("github"), r.err());
  }

  /** An item of a List inside a List keeps its index in the outer List as item, and its whole path as itemPath. */
  @Test
  void anItemOfANestedListNamesItsPath() throws Exception {
    String json = ValidateOutput.json(java.util.List.of(
        ValidateOutput.Problem.parse("live.yaml, document 1, items[1].items[0] (Cluster a): spec.region: Required value"),
        ValidateOutput.Problem.parse("live.yaml, document 1, items[2] (Cluster b): spec.region: Required value")), "2 problems");
    JsonNode problems = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("problems");
    assertEquals(1, problems.get(0).path("item").asInt());
    assertEquals("items[1].items[0]", problems.get(0).path("itemPath").asText());
    assertEquals("Cluster a", problems.get(0).path("resource").asText());
    assertEquals("spec.region: Required value", problems.get(0).path("message").asText());
    assertEquals(2, problems.get(1).path("item").asInt());
    assertTrue(problems.get(1).path("itemPath").isMissingNode(), json);
  }
}
