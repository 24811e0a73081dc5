package io.failwise.cli.runs;

import io.failwise.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What plan reads from its -f files: the Lists kubectl get writes, the Clusters of Scenario files set aside,
 * a resource defined twice, and problems and names blamed on the file and document (or the option) they
 * come from. How the plan is made and its options are PlanCommandTest's.
 */
class PlanFilesTest {
  @TempDir Path dir;

  @Test
  void plansFromTheListsKubectlGetWrites() throws Exception {
    // `kubectl get fwplaybook -o yaml > playbooks.yaml`: the playbook is an item of a List, not a document of its own.
    Path playbooks = io.failwise.testing.KubectlGetYaml.write(dir.resolve("playbooks.yaml"), Path.of("playbooks/regional-failover.yaml"));
    Path clusters = io.failwise.testing.KubectlGetYaml.write(dir.resolve("clusters.yaml"), Path.of("manifests/samples/clusters.yaml"));
    Cli.Result r = Cli.run("plan", "-f", playbooks.toString(), "-f", clusters.toString(), "--source", "go-eu-west-1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("Plan: failover of go-eu-west-1 to go-eu-north-1 with playbook regional-failover: 180,000 devices move."), r.out());
  }

  /**
   * A target with 2% of its devices offline whose status.health says Healthy (the controller's verdict,
   * which knows its usual churn): plan chose it for the estimate and then failed its TargetHealthy
   * precheck, judged on the raw counts. One rule now (TargetHealth): the status decides when it is there,
   * the counts when it is not, for the choice and the precheck alike.
   */
  @Test
  void theTargetPlanChoosesIsTheTargetItsPrecheckPasses() throws Exception {
    String regions = "apiVersion: failwise.io/v1alpha1\nkind: Region\nmetadata: {name: r-west}\nspec: {displayName: West, provider: azure, location: westeurope}\n---\n"
        + "apiVersion: failwise.io/v1alpha1\nkind: Region\nmetadata: {name: r-north}\nspec: {displayName: North, provider: azure, location: northeurope}\n---\n";
    String source = "apiVersion: failwise.io/v1alpha1\nkind: Cluster\nmetadata: {name: src, namespace: failwise}\nspec:\n  region: r-west\n"
        + "  capacity: {devices: 200000}\n  admission: {devicesPerSecond: 500}\n  failover:\n    cutoverSeconds: 1200\n    targets: [{cluster: tgt, priority: 0}]\n"
        + "  signals:\n    static: {expected: 100000, connected: 0}\n---\n";
    String target = "apiVersion: failwise.io/v1alpha1\nkind: Cluster\nmetadata: {name: tgt, namespace: failwise}\nspec:\n  region: r-north\n"
        + "  capacity: {devices: 400000}\n  admission: {devicesPerSecond: 800}\n  signals:\n    static: {expected: 100000, connected: 98000}\n";
    Path healthy = Files.writeString(dir.resolve("healthy.yaml"), regions + source + target + "status: {health: Healthy}\n");
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", healthy.toString(), "--source", "src", "--fail-on-precheck");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("ok    TargetHealthy          tgt is Healthy: its status.health says so"), r.out());
    // Nothing dates that status: the precheck does not claim it is fresh (it said "fresher than 5 min").
    assertTrue(r.out().contains("no status.lastSignalTime dates it, so it is taken as it stands") && !r.out().contains("fresher than"), r.out());
    // Without a status, its counts are judged for the choice too: no target, and why.
    Path counted = Files.writeString(dir.resolve("counted.yaml"), regions + source + target);
    Cli.Result none = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", counted.toString(), "--source", "src");
    assertEquals(2, none.exitCode(), none.out());
    assertTrue(none.err().contains("tgt is not healthy by its counts (Degraded: 2,000 of 100,000 devices are offline (2%))"), none.err());
  }

  @Test
  void aRunInTheFilesWithDrillBoundsAndModeFailoverIsRefused(@TempDir Path dir) throws Exception {
    Path run = Files.writeString(dir.resolve("run.yaml"), Files.readString(Path.of("playbooks/runs/quarterly-drill.yaml")).replace("mode: Drill", "mode: Failover"));
    Cli.Result r = Cli.run("plan", "-f", run.toString(), "-f", "playbooks/quarterly-drill.yaml", "-f", "manifests/samples/clusters.yaml");
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains(run + ", document 1 (FailoverRun quarterly-drill-eu-west-1): spec.drill: bounds a drill only (mode Drill, or Plan to"
        + " plan one); mode Failover moves every device"), r.err());
  }

  @Test
  void aNameNotInTheFilesIsBlamedOnTheOptionWithTheNamesThatAre() {
    Cli.Result source = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "nope");
    assertEquals(2, source.exitCode());
    assertTrue(source.err().strip().matches("failwise plan: --source nope: no Cluster of that name in the files; Clusters: go-eu-west-1, go-eu-west-2, .*"),
        source.err());
    Cli.Result target = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--target", "nope");
    assertEquals(2, target.exitCode());
    assertTrue(target.err().startsWith("failwise plan: --target nope: no Cluster of that name in namespace failwise of the files; Clusters there: go-eu-west-1"),
        target.err());
    Cli.Result playbook = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--playbook", "nope");
    assertEquals(2, playbook.exitCode());
    assertEquals("failwise plan: --playbook nope: no FailoverPlaybook of that name in namespace failwise of the files; FailoverPlaybooks there:"
        + " regional-failover", playbook.err().strip());
    Cli.Result run = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--run", "nope");
    assertEquals(2, run.exitCode());
    assertEquals("failwise plan: --run nope: no FailoverRun of that name in the files; FailoverRuns there: (none)", run.err().strip());
  }

  /**
   * The Clusters of an estimate Scenario file are that scenario's world, not the one a plan is made in:
   * set aside (said once on stderr), whatever the order of the -f's. same-region-target.yaml defines a
   * go-eu-west-1 whose only target is go-eu-west-3; the real go-eu-west-1 (manifests/samples) fails over
   * to go-eu-north-1. The first definition read once won.
   */
  @Test
  void theClustersOfAScenarioFileAreSetAsideWhateverTheOrderOfTheFiles() {
    String scenario = "playbooks/scenarios/same-region-target.yaml";
    String expected = "Plan: failover of go-eu-west-1 to go-eu-north-1 with playbook regional-failover: 180,000 devices move.";
    for (String[] order : List.of(new String[] {scenario, "manifests/samples/clusters.yaml", "playbooks/regional-failover.yaml"},
        new String[] {"manifests/samples/clusters.yaml", scenario, "playbooks/regional-failover.yaml"},
        new String[] {"playbooks/", "manifests/samples/"}, new String[] {"manifests/samples/", "playbooks/"})) {
      List<String> args = new java.util.ArrayList<>(List.of("plan", "--source", "go-eu-west-1", "--playbook", "regional-failover"));
      for (String f : order) {
        args.addAll(List.of("-f", f));
      }
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), String.join(" ", order) + ": " + r.err());
      assertTrue(r.out().startsWith(expected), String.join(" ", order) + ": " + r.out());
      List<String> notes = r.err().lines().filter(l -> l.startsWith("failwise plan: set aside the Clusters of ")).toList();
      assertEquals(1, notes.size(), r.err());
      assertTrue(notes.get(0).contains("an estimate Scenario is a world of its own"), r.err());
    }
    // The one Scenario file given without other Clusters is the world planned in (plan -f PLAYBOOK -f SCENARIO); of
    // several, none is chosen by the order of the files.
    Cli.Result only = Cli.run("plan", "-f", scenario, "-f", "playbooks/regional-failover.yaml", "--source", "go-eu-west-1");
    assertEquals(2, only.exitCode(), only.out());
    assertEquals("failwise plan: No failover target of go-eu-west-1 is healthy, in another region, free of other runs and with room for 180,000"
        + " devices: go-eu-west-3 is in go-eu-west-1's own region (eu-west): failing over there is no regional failover.\n", only.err());
    Cli.Result several = Cli.run("plan", "-f", "playbooks/scenarios/", "-f", "playbooks/regional-failover.yaml", "--source", "go-eu-west-1");
    assertEquals(2, several.exitCode(), several.out());
    assertEquals("failwise plan: the files' Clusters are those of 17 Scenario files (playbooks/scenarios/2026-03-12-incident.yaml and 16 more),"
        + " each an estimate Scenario's world of its own: give one of them with -f, or the files that define the real Clusters\n", several.err());
    // Without a Scenario file, nothing is said.
    Cli.Result plain = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1");
    assertEquals("", plain.err());
  }

  /** Two definitions of one Cluster are an error naming both, never a choice made by the order of the -f's. */
  @Test
  void aClusterDefinedTwiceIsAnErrorNamingBothPlaces() throws Exception {
    String samples = Files.readString(Path.of("manifests/samples/clusters.yaml"));
    Path copy = Files.writeString(dir.resolve("copy.yaml"), samples.replace("devices: 250000", "devices: 260000"));
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "-f", copy.toString(),
        "--source", "go-eu-west-1");
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("failwise plan: " + copy + ", document 1 (Cluster go-eu-west-1): metadata.name: Cluster failwise/go-eu-west-1 is also"
        + " defined in manifests/samples/clusters.yaml, document 1 (Cluster go-eu-west-1)"), r.err());
    // The same name in another namespace: which one --source means is not for the order of the files to say.
    Path other = Files.writeString(dir.resolve("other.yaml"), samples.replace("namespace: failwise", "namespace: staging"));
    Cli.Result two = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "-f", other.toString(),
        "--source", "go-eu-west-1");
    assertEquals(2, two.exitCode(), two.out());
    assertTrue(two.err().contains("failwise plan: --source go-eu-west-1: Clusters of that name in 2 namespaces: failwise (manifests/samples/clusters.yaml,"
        + " document 1 (Cluster go-eu-west-1)); staging (" + other + ", document 1 (Cluster go-eu-west-1))"), two.err());
  }

  /** A problem of a FailoverRun of the files names its file and document, as validate's lines do. */
  @Test
  void aProblemOfARunInTheFilesNamesTheFileAndTheDocument() throws Exception {
    Path run = Files.writeString(dir.resolve("r2.yaml"), """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: r2, namespace: failwise}
        spec: {playbook: regional-failover, source: go-eu-west-9, target: go-eu-north-1, mode: Failover}
        """);
    Cli.Result r = Cli.run("plan", "-f", run.toString(), "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/");
    assertEquals(2, r.exitCode(), r.out());
    assertEquals("failwise plan: " + run + ", document 1 (FailoverRun r2): spec.source: Cluster 'go-eu-west-9' does not exist; known: go-eu-north-1,"
        + " go-eu-north-2, go-eu-west-1, go-eu-west-2\n", r.err());
  }
}
