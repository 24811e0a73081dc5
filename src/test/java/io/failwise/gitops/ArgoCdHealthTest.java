package io.failwise.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.failwise.model.Health;
import io.failwise.model.run.RunPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health checks in manifests/argocd/, run as Argo CD runs them (the resource as the
 * global {@code obj}, a table {status, message} returned) on statuses the controller writes, and the
 * argocd-cm snippet in the manifests and in docs/gitops.md generated from the same files. Regenerate
 * both after editing a script: {@code mvn -q test -Dtest=ArgoCdHealthTest -Dfailwise.argocd.write=true}.
 */
class ArgoCdHealthTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DIR = Path.of("manifests/argocd");
  private static final Path PATCH = DIR.resolve("argocd-cm.yaml");
  private static final Path DOC = Path.of("docs/gitops.md");
  private static final String BEGIN = "<!-- argocd-cm: generated from manifests/argocd/*.lua by ArgoCdHealthTest -->";
  private static final String END = "<!-- /argocd-cm -->";
  /** What Argo CD accepts as a health status. */
  private static final Set<String> ARGO_STATUSES = Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");
  private static final Map<String, String> SCRIPTS = Map.of("Cluster", "cluster.lua", "FailoverRun", "failoverrun.lua", "FailoverPolicy", "failoverpolicy.lua",
      "FailoverPlaybook", "failoverplaybook.lua");

  /** Runs the kind's script on {@code yaml} (the whole resource): "STATUS: message". */
  static String health(String kind, String yaml) throws Exception {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(YAML.readTree(yaml)));
    LuaValue result = globals.load(Files.readString(DIR.resolve(SCRIPTS.get(kind))), kind).call();
    assertTrue(result.istable(), kind + " returns a table");
    String status = result.get("status").tojstring();
    assertTrue(ARGO_STATUSES.contains(status), "Argo CD knows no health '" + status + "'");
    assertTrue(result.get("message").isstring(), "a message for the Argo CD UI");
    return status + ": " + result.get("message").tojstring();
  }

  /** JSON as gopher-lua sees an unstructured object: objects and arrays as tables (arrays from 1), numbers, strings. */
  static LuaValue lua(JsonNode n) {
    if (n.isObject()) {
      LuaTable t = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        var e = it.next();
        t.set(e.getKey(), lua(e.getValue()));
      }
      return t;
    }
    if (n.isArray()) {
      LuaTable t = new LuaTable();
      for (int i = 0; i < n.size(); i++) {
        t.set(i + 1, lua(n.get(i)));
      }
      return t;
    }
    if (n.isIntegralNumber()) {
      return LuaValue.valueOf(n.asLong());
    }
    if (n.isNumber()) {
      return LuaValue.valueOf(n.asDouble());
    }
    if (n.isBoolean()) {
      return LuaValue.valueOf(n.asBoolean());
    }
    return n.isNull() ? LuaValue.NIL : LuaValue.valueOf(n.asText());
  }

  private static String cluster(String status) {
    return "{apiVersion: failwise.io/v1alpha1, kind: Cluster, metadata: {name: go-eu-west-1, namespace: failwise, generation: 3}" + status + "}";
  }

  /** Cluster statuses as the controller writes them, and what Argo CD shows for each. */
  static Stream<Arguments> clusterStatuses() {
    return Stream.of(
        arguments(named("without a status yet", ""), "Progressing: Waiting for the controller to read the cluster's signals"),
        arguments(named("whose status is of an older generation", ", status: {health: Healthy, observedGeneration: 2}"),
            "Progressing: Waiting for the controller to observe generation 3"),
        arguments(named("that is healthy", ", status: {health: Healthy, observedGeneration: 3, conditions: [{type: Ready, status: 'True', reason: SignalsFresh,"
            + " message: '179,420 of 180,000 devices connected.'}, {type: Outage, status: 'False', reason: NoOutage, message: x}]}"),
            "Healthy: 179,420 of 180,000 devices connected."),
        arguments(named("in an outage", ", status: {health: Outage, observedGeneration: 3, conditions: [{type: Ready, status: 'True', reason: SignalsFresh, message: ok},"
            + " {type: Outage, status: 'True', reason: OfflineSurge, message: '3,864 devices went offline above normal churn.'}]}"),
            "Degraded: Outage: 3,864 devices went offline above normal churn."),
        arguments(named("with an invalid spec", ", status: {health: Unknown, observedGeneration: 3, conditions: [{type: Ready, status: 'False', reason: InvalidSpec,"
            + " message: 'spec.region: no Region eu-mars exists; Regions: eu-west, eu-north.'}]}"),
            "Degraded: spec.region: no Region eu-mars exists; Regions: eu-west, eu-north."),
        arguments(named("whose signals are stale", ", status: {health: Unknown, observedGeneration: 3, conditions: [{type: Ready, status: 'False', reason: Stale,"
            + " message: 'No sample from Prometheus for 5 min.'}]}"),
            "Unknown: No sample from Prometheus for 5 min."));
  }

  @ParameterizedTest(name = "a Cluster {0} shows {1}")
  @MethodSource("clusterStatuses")
  void aClusterIsHealthyDegradedInAnOutageAndProgressingUntilTheControllerHasSeenIt(String status, String shows) throws Exception {
    assertEquals(shows, health("Cluster", cluster(status)));
  }

  @ParameterizedTest(name = "a Cluster of health {0} without conditions shows a health Argo CD knows")
  @EnumSource(Health.class)
  void everyHealthTheControllerWritesHasAnAnswerEvenWithoutConditions(Health h) throws Exception {
    health("Cluster", cluster(", status: {health: " + h.displayName() + ", observedGeneration: 3}"));
  }

  private static String run(String phase, String message) {
    return "{apiVersion: failwise.io/v1alpha1, kind: FailoverRun, metadata: {name: drill, namespace: failwise},"
        + " spec: {playbook: quarterly-drill, source: go-eu-west-1, mode: Drill}"
        + (phase == null ? "" : ", status: {phase: " + phase + ", message: '" + message + "'}") + "}";
  }

  /** Run statuses (phase and message), and what Argo CD shows for each. */
  static Stream<Arguments> runStatuses() {
    return Stream.of(
        arguments(named("not admitted yet", null), null, "Progressing: Waiting for the controller to admit the run"),
        arguments(named("that waits for a person", "AwaitingApproval"), "Waiting for approval of step approve: failwise approve drill -n failwise",
            "Suspended: AwaitingApproval: Waiting for approval of step approve: failwise approve drill -n failwise"),
        arguments(named("that rolled back", "RolledBack"), "Stop condition target-offline fired.", "Degraded: RolledBack: Stop condition target-offline fired."),
        arguments(named("that succeeded", "Succeeded"), "Every step completed.", "Healthy: Succeeded: Every step completed."));
  }

  @ParameterizedTest(name = "a FailoverRun {0} shows {2}")
  @MethodSource("runStatuses")
  void aRunWaitingForAPersonIsSuspendedAndOneThatDidNotDoWhatWasAskedIsDegraded(String phase, String message, String shows) throws Exception {
    assertEquals(shows, health("FailoverRun", run(phase, message)));
  }

  /** Argo CD's health of each run phase; a phase added later fails here until the script knows it. */
  private static final Map<RunPhase, String> RUN_HEALTH = Map.ofEntries(
      Map.entry(RunPhase.PENDING, "Progressing"), Map.entry(RunPhase.RUNNING, "Progressing"), Map.entry(RunPhase.ROLLING_BACK, "Progressing"),
      Map.entry(RunPhase.AWAITING_APPROVAL, "Suspended"), Map.entry(RunPhase.HALTED, "Suspended"),
      Map.entry(RunPhase.PLANNED, "Healthy"), Map.entry(RunPhase.SUCCEEDED, "Healthy"),
      Map.entry(RunPhase.ROLLED_BACK, "Degraded"), Map.entry(RunPhase.REFUSED, "Degraded"), Map.entry(RunPhase.ABORTED, "Degraded"),
      Map.entry(RunPhase.FAILED, "Degraded"));

  @ParameterizedTest(name = "a FailoverRun in phase {0} shows its Argo CD health")
  @EnumSource(RunPhase.class)
  void everyRunPhaseHasTheArgoCdHealthAPersonExpects(RunPhase phase) throws Exception {
    assertEquals(RUN_HEALTH.get(phase), health("FailoverRun", run(phase.displayName(), "m")).split(":")[0], phase.displayName());
  }

  private static String policy(String status) {
    return "{apiVersion: failwise.io/v1alpha1, kind: FailoverPolicy, metadata: {name: eu-shadow, namespace: failwise, generation: 1}" + status + "}";
  }

  /** Policy statuses, and what Argo CD shows for each. */
  static Stream<Arguments> policyStatuses() {
    return Stream.of(
        arguments(named("without a status yet", ""), "Progressing: Waiting for the controller to read the policy"),
        arguments(named("that watches clusters", ", status: {observedGeneration: 1, lastDecision: HOLD/Recorded, conditions: [{type: Ready, status: 'True', reason: Watching,"
            + " message: 'Watching 4 clusters.'}]}"), "Healthy: Watching 4 clusters.; last decision HOLD/Recorded"),
        arguments(named("that watches nothing", ", status: {observedGeneration: 1, conditions: [{type: Ready, status: 'False', reason: NoClusters,"
            + " message: 'The selector matches no Cluster in namespace failwise.'}]}"), "Degraded: NoClusters: The selector matches no Cluster in namespace failwise."),
        arguments(named("whose status is of an older generation", ", status: {observedGeneration: 0}"), "Progressing: Waiting for the controller to observe generation 1"));
  }

  @ParameterizedTest(name = "a FailoverPolicy {0} shows {1}")
  @MethodSource("policyStatuses")
  void aPolicyIsHealthyWhateverItDecidesAndDegradedWhenItWatchesNothingOrIsInvalid(String status, String shows) throws Exception {
    assertEquals(shows, health("FailoverPolicy", policy(status)));
  }

  private static String playbook(String status) {
    return "{apiVersion: failwise.io/v1alpha1, kind: FailoverPlaybook, metadata: {name: regional-failover, namespace: failwise, generation: 2}"
        + status + "}";
  }

  /** Playbook statuses, and what Argo CD shows for each: a playbook no run can use is Degraded where it was synced. */
  static Stream<Arguments> playbookStatuses() {
    return Stream.of(
        arguments(named("without a status yet", ""), "Progressing: Waiting for the controller to check the playbook"),
        arguments(named("that is usable", ", status: {observedGeneration: 2, conditions: [{type: Ready, status: 'True', reason: Valid,"
            + " message: 'Usable: steps precheck, shift; 1 stop condition.'}]}"), "Healthy: Usable: steps precheck, shift; 1 stop condition."),
        arguments(named("with a misspelt template", ", status: {observedGeneration: 2, conditions: [{type: Ready, status: 'False', reason: InvalidSpec,"
            + " message: 'Runs and policies naming this playbook are refused until it is fixed: spec.steps[1].shift.action: {{tagret}}.'}]}"),
            "Degraded: InvalidSpec: Runs and policies naming this playbook are refused until it is fixed: spec.steps[1].shift.action: {{tagret}}."),
        arguments(named("whose status is of an older generation", ", status: {observedGeneration: 1}"),
            "Progressing: Waiting for the controller to check generation 2"));
  }

  @ParameterizedTest(name = "a FailoverPlaybook {0} shows {1}")
  @MethodSource("playbookStatuses")
  void aPlaybookIsHealthyWhenUsableAndDegradedWhenInvalid(String status, String shows) throws Exception {
    assertEquals(shows, health("FailoverPlaybook", playbook(status)));
  }

  /** The argocd-cm data the scripts make, as kustomize patch and as docs/gitops.md shows it. */
  static String snippet() throws Exception {
    StringBuilder sb = new StringBuilder();
    sb.append("# Generated from manifests/argocd/*.lua by ArgoCdHealthTest: edit the scripts, then regenerate\n");
    sb.append("# (mvn -q test -Dtest=ArgoCdHealthTest -Dfailwise.argocd.write=true). Merge into Argo CD's argocd-cm.\n");
    sb.append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n  namespace: argocd\ndata:\n");
    for (String kind : List.of("Cluster", "FailoverRun", "FailoverPolicy", "FailoverPlaybook")) {
      sb.append("  resource.customizations.health.failwise.io_").append(kind).append(": |\n");
      for (String line : Files.readString(DIR.resolve(SCRIPTS.get(kind))).split("\n", -1)) {
        if (!line.isEmpty()) {
          sb.append("    ").append(line);
        }
        sb.append('\n');
      }
      sb.setLength(sb.length() - 1); // the file's last newline
    }
    return sb.toString();
  }

  @Test
  void theArgoCdSnippetInTheManifestsAndTheDocsIsGeneratedFromTheScripts() throws Exception {
    String expected = snippet();
    String doc = Files.readString(DOC);
    String docBlock = BEGIN + "\n\n```yaml\n" + expected + "```\n\n" + END;
    if (Boolean.getBoolean("failwise.argocd.write")) {
      Files.writeString(PATCH, expected);
      int from = doc.indexOf(BEGIN);
      int to = doc.indexOf(END);
      assertTrue(from >= 0 && to > from, DOC + " needs the markers " + BEGIN + " and " + END);
      Files.writeString(DOC, doc.substring(0, from) + docBlock + doc.substring(to + END.length()));
      doc = Files.readString(DOC);
    }
    String how = "; regenerate with mvn -q test -Dtest=ArgoCdHealthTest -Dfailwise.argocd.write=true";
    assertEquals(expected, Files.exists(PATCH) ? Files.readString(PATCH) : "", PATCH + " is not generated from the scripts" + how);
    assertTrue(doc.contains(docBlock), DOC + " does not show the generated argocd-cm" + how);
    JsonNode cm = YAML.readTree(expected);
    assertEquals(Files.readString(DIR.resolve("failoverrun.lua")), cm.path("data").path("resource.customizations.health.failwise.io_FailoverRun").asText(),
        "YAML gives Argo CD the script unchanged");
  }
}
