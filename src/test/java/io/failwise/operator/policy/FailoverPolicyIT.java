package io.failwise.operator.policy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.Fixtures;
import io.failwise.api.Region;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.model.run.DailyBudget;
import io.failwise.operator.run.HaltSwitch;
import io.failwise.operator.run.SourceLedger;
import io.failwise.operator.status.Conditions;
import io.failwise.testing.TestOperator;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FailoverPolicies run by the controller against the test API server, with detection on static
 * signals and the runs' real guards: what a person reads in the policy's status and which runs exist.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(PolicyProfile.class)
class FailoverPolicyIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Inject KubernetesClient client;
  @Inject Operator operator;
  @Inject HaltSwitch halt;
  @Inject SourceLedger ledger;
  @Inject ShiftedClock clock;
  @Inject PolicyRuns policyRuns;
  @Inject io.failwise.model.estimate.FailoverEstimator estimator;

  @BeforeEach
  void start() {
    clock.reset();
    halt.resume();
    TestOperator.ensureStarted(operator);
  }

  @AfterEach
  void cleanUp() {
    clock.reset();
    halt.resume();
  }

  @Test
  void the12MarchIncidentIsHeldInReserveWithinOneReconcileAndNothingRuns() {
    String ns = namespace("march12");
    // A snapshot of 50,000 chargers offline half of the time: 25,000 offline at any moment.
    Cluster west = Fixtures.cluster(ns, "go-eu-west-1", "eu-west", 180_000, 155_000, "go-eu-north-1");
    west.getSpec().failover.cutoverSeconds = 1200L;
    Cluster north = Fixtures.cluster(ns, "go-eu-north-1", "eu-north", 90_000, 90_000);
    north.getSpec().capacity.devices = 300_000L;
    client.resource(north).create();
    client.resource(west).create();
    FailoverPolicy policy = policy(ns, "eu-shadow", FailoverPolicySpec.Mode.Shadow, List.of("go-eu-west-1"), null);
    policy.getSpec().durationPrior = prior(90, 360);
    client.resource(policy).create();

    Decision d = awaitDecision(ns, "eu-shadow");
    assertEquals("HOLD", d.recommendation, d.explanation);
    assertEquals("Recorded", d.action);
    assertEquals("go-eu-west-1", d.cluster);
    assertEquals(25_000L, d.offlineDevices);
    assertTrue(d.explanation.contains("180,000 devices"), d.explanation);
    assertTrue(d.explanation.contains("Recorded only (Shadow mode)"), d.explanation);
    var outage = Conditions.find(client.resources(Cluster.class).inNamespace(ns).withName("go-eu-west-1").get().getStatus().conditions, "Outage").orElseThrow();
    assertEquals("True", outage.getStatus());
    Duration detectionToDecision = Duration.between(Instant.parse(outage.getLastTransitionTime()), Instant.parse(d.time));
    assertTrue(detectionToDecision.compareTo(Duration.ofSeconds(3)) <= 0, "decided " + detectionToDecision + " after the Outage condition");
    assertEquals("HOLD/Recorded", policy(ns, "eu-shadow").getStatus().lastDecision);
    assertEquals(List.of(), runs(ns), "a Shadow policy creates no run");
  }

  @Test
  void stageCreatesOnePlanRunEvenWhenFiftyTriggersArriveAtOnce() throws Exception {
    String ns = namespace("stage");
    totalOutage(ns);
    client.resource(policy(ns, "stager", FailoverPolicySpec.Mode.Stage, List.of("go-total"), "regional-failover")).create();
    fiftyTriggersAtOnce(ns);

    Decision d = awaitDecision(ns, "stager");
    assertEquals("Staged", d.action, d.explanation);
    assertTrue(d.recommendation.startsWith("FAILOVER"), d.explanation);
    settle(ns, "stager");
    List<FailoverRun> runs = runs(ns);
    assertEquals(1, runs.size(), "exactly one run: " + names(runs));
    FailoverRun run = runs.get(0);
    assertEquals(d.run, run.getMetadata().getName());
    assertEquals(FailoverRunSpec.Mode.Plan, run.getSpec().mode);
    assertEquals("policy/stager", run.getSpec().requestedBy);
    assertEquals("go-total", run.getSpec().source);
    assertEquals(d.id, run.getMetadata().getLabels().get("failwise.io/decision"));
    assertEquals("stager", run.getMetadata().getLabels().get("failwise.io/policy"));
    assertTrue(d.explanation.contains("(failwise report " + d.run + " -n " + ns + ")"), d.explanation);
  }

  @Test
  void autoCreatesOneFailoverRunEvenWhenFiftyTriggersOrFiftyCreatesArriveAtOnce() throws Exception {
    String ns = namespace("auto");
    totalOutage(ns);
    client.resource(policy(ns, "autopilot", FailoverPolicySpec.Mode.Auto, List.of("go-total"), "regional-failover")).create();
    fiftyTriggersAtOnce(ns);

    Decision d = awaitDecision(ns, "autopilot");
    assertEquals("Executed", d.action, d.explanation);
    assertEquals("go-target", d.target);
    settle(ns, "autopilot");
    List<FailoverRun> runs = runs(ns);
    assertEquals(1, runs.size(), "exactly one run: " + names(runs));
    assertEquals(FailoverRunSpec.Mode.Failover, runs.get(0).getSpec().mode);
    assertEquals(d.run, runs.get(0).getMetadata().getName());
    assertTrue(d.run.startsWith("autopilot-go-total-") && d.run.endsWith("-failover"), d.run);
    assertTrue(runs.get(0).getSpec().reason.contains("100,000"), runs.get(0).getSpec().reason);

    // A second controller (or a retried reconcile) creating the same outage's run 50 times at once: still one.
    FailoverPolicy policy = policy(ns, "autopilot");
    Cluster cluster = client.resources(Cluster.class).inNamespace(ns).withName("go-total").get();
    var estimate = estimator.estimate(io.failwise.operator.estimate.EstimateInputs.from(cluster, client.resources(Cluster.class).inNamespace(ns).list().getItems(),
            new io.failwise.model.estimate.Outage(Instant.parse(d.outageSince), 100_000), clock.instant(),
            new io.failwise.model.estimate.DurationPrior(600, 2000), clock.getZone()));
    Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
    inParallel(50, i -> names.add(policyRuns.execute(policy, cluster, Instant.parse(d.outageSince), estimate, estimate.explanation(), "again-" + i)));
    assertEquals(Set.of(d.run), names, "every attempt names the one run");
    assertEquals(1, runs(ns).size());
  }

  /**
   * Another run holds go-target (a failover of go-other into it, waiting at its approval step): a run
   * the policy created for go-target would wait until that one ends. The decision passes it over for
   * go-spare, slower but free, says so, and the run it starts names go-spare.
   */
  @Test
  void aTargetAnotherRunHoldsIsPassedOverAndTheRunGoesToTheNextTarget() {
    String ns = namespace("held");
    totalOutage(ns, "go-spare");
    Cluster spare = Fixtures.cluster(ns, "go-spare", "eu-north", 50_000, 50_000);
    spare.getSpec().capacity.devices = 300_000L;
    spare.getSpec().admission.devicesPerSecond = 300.0; // free, go-target is the cheaper move
    client.resource(spare).create();
    Cluster otherSource = Fixtures.cluster(ns, "go-other", "eu-west", 10_000, 10_000, "go-target");
    otherSource.getSpec().failover.failbackRequired = false;
    client.resource(otherSource).create();
    // A playbook that stops at its approval step, holding its source and its target, and changes nothing.
    client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPlaybook
        metadata: {name: approve-only, namespace: %s}
        spec:
          steps:
          - {name: approve, approval: {timeoutSeconds: 1800}}
        """.formatted(ns), FailoverPlaybook.class)).create();
    FailoverRun other = new FailoverRun();
    other.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("other-into-target").build());
    other.setSpec(new FailoverRunSpec());
    other.getSpec().playbook = "approve-only";
    other.getSpec().source = "go-other";
    other.getSpec().target = "go-target";
    other.getSpec().mode = FailoverRunSpec.Mode.Failover;
    other.getSpec().reason = "a failover into go-target, waiting for its approval";
    client.resource(other).create();
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverRun r = client.resources(FailoverRun.class).inNamespace(ns).withName("other-into-target").get();
      assertEquals("AwaitingApproval", r.getStatus() == null ? null : r.getStatus().phase,
          () -> "the other run holds go-target at its approval step: " + (r.getStatus() == null ? "no status" : r.getStatus().conditions + " " + r.getStatus().message));
    });

    client.resource(policy(ns, "autopilot", FailoverPolicySpec.Mode.Auto, List.of("go-total"), "regional-failover")).create();
    Decision d = awaitDecision(ns, "autopilot");
    assertEquals("FAILOVER", d.recommendation, d.explanation);
    assertEquals("go-spare", d.target, d.explanation);
    assertTrue(d.explanation.contains("Passed over: go-target is held by run other-into-target as its target"), d.explanation);
    assertEquals("Executed", d.action, d.explanation);
    FailoverRun created = client.resources(FailoverRun.class).inNamespace(ns).withName(d.run).get();
    assertEquals("go-spare", created.getSpec().target, "the run goes where the decision said");
  }

  /**
   * A regional outage: two clusters of eu-west down at once, one Auto policy, both listing go-target
   * first. The first decision's run goes to go-target; the second, moments later in the same reconcile,
   * before that run has taken go-target, passes it over for go-spare instead of sending its run to wait
   * behind the first.
   */
  @Test
  void twoClustersDownAtOnceAreNotSentIntoOneTarget() {
    String ns = namespace("regional");
    totalOutage(ns, "go-spare");
    Cluster second = Fixtures.cluster(ns, "go-total-2", "eu-west", 100_000, 0, "go-target", "go-spare");
    second.getSpec().failover.cutoverSeconds = 600L;
    client.resource(second).create();
    Cluster spare = Fixtures.cluster(ns, "go-spare", "eu-north", 50_000, 50_000);
    spare.getSpec().capacity.devices = 300_000L;
    spare.getSpec().admission.devicesPerSecond = 300.0; // slower: go-target is the cheaper move for both
    client.resource(spare).create();

    client.resource(policy(ns, "autopilot", FailoverPolicySpec.Mode.Auto, List.of("go-total", "go-total-2"), "regional-failover")).create();
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverPolicy p = policy(ns, "autopilot");
      assertNotNull(p.getStatus(), "the policy has a status");
      assertEquals(2, p.getStatus().decisions.size());
    });
    Map<String, Decision> byCluster = new java.util.HashMap<>();
    policy(ns, "autopilot").getStatus().decisions.forEach(d -> byCluster.put(d.cluster, d));
    Decision first = byCluster.get("go-total");
    Decision next = byCluster.get("go-total-2");
    assertEquals("go-target", first.target, first.explanation);
    assertEquals("go-spare", next.target, next.explanation);
    // In the same reconcile the first run has not taken go-target yet ("is the target of run ..."); if the
    // second cluster's outage came a reconcile later, the first run holds it by then ("is held by run ...").
    assertTrue(next.explanation.matches(".*Passed over: go-target is (the target of|held by) run " + first.run + ".*"), next.explanation);
    assertEquals("Executed", next.action, next.explanation);
  }

  /** A named cluster that does not exist (a typo) is said in the policy's Ready condition, not silently left out. */
  @Test
  void aSelectorNamingAClusterThatDoesNotExistSaysSo() {
    String ns = namespace("typo");
    totalOutage(ns);
    client.resource(policy(ns, "typo", FailoverPolicySpec.Mode.Shadow, List.of("go-total", "go-totl"), null)).create();
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverPolicy p = policy(ns, "typo");
      assertNotNull(p.getStatus(), "the policy has a status");
      var ready = p.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
      assertEquals("Watching 1 cluster in Shadow mode. spec.selector.clusters names a Cluster that does not exist in namespace typo:"
          + " go-totl.", ready.getMessage());
    });
  }

  @Test
  void theHaltBlocksAuto() {
    halt.halt("sre@example.com", "policy guard test");
    // The halt enters the decision: HOLD is the best action that can run, and the failover it blocks is named.
    Decision d = blockedInTheDecision("halted");
    assertEquals("Halt", d.blockedBy, d.explanation);
    assertTrue(d.explanation.contains("but it cannot run now: the global halt is set by sre@example.com"), d.explanation);
    assertTrue(d.explanation.contains("the global halt is set"), d.explanation);
  }

  @Test
  void aFreezeWindowBlocksAuto() {
    clock.startAt(Instant.parse("2031-01-01T12:00:00Z"));
    Decision d = blockedInTheDecision("frozen");
    assertEquals("FreezeWindow", d.blockedBy, d.explanation);
    assertTrue(d.explanation.contains("but it cannot run now: freeze window "), d.explanation);
    assertTrue(d.explanation.contains("a freeze window is in force"), d.explanation);
  }

  @Test
  void aSpentBudgetBlocksAuto() {
    String ns = namespace("budget");
    ledger.record(ns, "go-total", DailyBudget.Kind.FAILOVER, new SourceLedger.Holder("earlier-failover", "uid-earlier"), clock.instant().minusSeconds(600));
    Decision d = blockedInTheDecision("budget");
    assertEquals("Budget", d.blockedBy, d.explanation);
    assertTrue(d.explanation.contains("but it cannot run now: the daily budget of go-total is used up"), d.explanation);
  }

  /**
   * A guard the estimate knows of (halt, freeze window, budget): the recommendation is HOLD, the best
   * action that can run, the explanation says which better failover is blocked, and no run is created.
   */
  private Decision blockedInTheDecision(String ns) {
    Decision d = blockedAutoDecision(ns);
    assertEquals("HOLD", d.recommendation, d.explanation);
    assertTrue(d.explanation.startsWith("Blocked: failing go-total over to go-target now would be the better bet"), d.explanation);
    return d;
  }

  @Test
  void theCooldownAfterARunOfThisPolicyBlocksAuto() {
    String ns = namespace("cooldown");
    FailoverRun earlier = new FailoverRun();
    earlier.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("earlier")
        .withLabels(Map.of("failwise.io/policy", "autopilot", "failwise.io/source", "go-total", "failwise.io/mode", "Failover")).build());
    earlier.setSpec(new FailoverRunSpec());
    earlier.getSpec().playbook = "no-such-playbook"; // the controller refuses it: it never holds the source
    earlier.getSpec().source = "go-total";
    earlier.getSpec().mode = FailoverRunSpec.Mode.Failover;
    client.resource(earlier).create();
    Decision d = blockedAutoDecision("cooldown");
    // The cooldown is the policy's own guard, asked after the estimate: the failover stays recommended.
    assertTrue(d.recommendation.startsWith("FAILOVER"), d.explanation);
    assertEquals("Cooldown", d.blockedBy, d.explanation);
    assertTrue(d.explanation.contains("within its cooldown"), d.explanation);
    assertEquals(List.of("earlier"), names(runs(ns)), "no new run");
  }

  /** An Auto policy on a long total outage in namespace {@code ns}: blocked, with no run created. */
  private Decision blockedAutoDecision(String ns) {
    namespace(ns);
    int before = runs(ns).size();
    totalOutage(ns);
    client.resource(policy(ns, "autopilot", FailoverPolicySpec.Mode.Auto, List.of("go-total"), "regional-failover")).create();
    Decision d = awaitDecision(ns, "autopilot");
    assertEquals("Blocked", d.action, d.explanation);
    assertEquals(before, runs(ns).size(), "a blocked policy creates no run");
    return d;
  }

  /**
   * 100,000 devices all offline, a healthy target with room, and the regional-failover playbook;
   * {@code moreTargets} after go-target, by priority (created with the cluster: an edit while the
   * controller writes its status could meet a conflict).
   */
  private void totalOutage(String ns, String... moreTargets) {
    String[] targets = new String[moreTargets.length + 1];
    targets[0] = "go-target";
    System.arraycopy(moreTargets, 0, targets, 1, moreTargets.length);
    Cluster total = Fixtures.cluster(ns, "go-total", "eu-west", 100_000, 0, targets);
    total.getSpec().failover.cutoverSeconds = 600L;
    Cluster target = Fixtures.cluster(ns, "go-target", "eu-north", 50_000, 50_000);
    target.getSpec().capacity.devices = 300_000L;
    client.resource(target).create();
    client.resource(total).create();
    for (var doc : ResourceFiles.read(List.of(Path.of("playbooks/regional-failover.yaml")))) {
      FailoverPlaybook p = ResourceFiles.convert(doc, FailoverPlaybook.class);
      p.getMetadata().setNamespace(ns);
      p.getMetadata().setResourceVersion(null);
      client.resource(p).create();
    }
  }

  /** 50 label changes of the outage cluster at once, each an event for the policy's informer. */
  private void fiftyTriggersAtOnce(String ns) throws Exception {
    inParallel(50, i -> client.resources(Cluster.class).inNamespace(ns).withName("go-total")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"trigger-" + i + "\":\"x\"}}}"));
  }

  private static void inParallel(int n, java.util.function.IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        tasks.add(() -> {
          task.accept(k);
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A positive marker instead of a sleep: a harmless spec change (one more decision kept) made after
   * every trigger; once the policy's status shows its generation, each reconcile the triggers queued
   * before it has run (the controller reconciles one policy at a time, in order).
   */
  private void settle(String ns, String name) {
    FailoverPolicy edited = client.resources(FailoverPolicy.class).inNamespace(ns).withName(name).edit(p -> {
      p.getSpec().decisionsKept = p.getSpec().decisionsKept + 1;
      return p;
    });
    long generation = edited.getMetadata().getGeneration();
    await().atMost(PATIENCE).untilAsserted(() -> {
      Long observed = policy(ns, name).getStatus().observedGeneration;
      assertTrue(observed != null && observed >= generation, "the policy controller saw generation " + generation + ", not only " + observed);
    });
  }

  private Decision awaitDecision(String ns, String policy) {
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverPolicy p = policy(ns, policy);
      assertNotNull(p.getStatus(), "the policy has a status");
      assertTrue(!p.getStatus().decisions.isEmpty(), "the policy has decided: " + p.getStatus().conditions
          + "; clusters: " + client.resources(Cluster.class).inNamespace(ns).list().getItems().stream().map(c -> c.getMetadata().getName() + " " + (c.getStatus() == null ? null : c.getStatus().conditions)).toList());
    });
    return policy(ns, policy).getStatus().decisions.get(0);
  }

  private FailoverPolicy policy(String ns, String name, FailoverPolicySpec.Mode mode, List<String> clusters, String playbook) {
    FailoverPolicy p = new FailoverPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(1L).build());
    FailoverPolicySpec spec = new FailoverPolicySpec();
    spec.selector = new FailoverPolicySpec.Selector();
    spec.selector.clusters = new ArrayList<>(clusters);
    spec.trigger.outageForSeconds = 0L; // no waiting in tests: decide on the first look at the Outage
    spec.mode = mode;
    spec.playbook = playbook;
    // A prior of long outages: failing over a total outage clearly pays off.
    spec.durationPrior = prior(600, 2000);
    p.setSpec(spec);
    return p;
  }

  private static FailoverPolicySpec.DurationPriorSpec prior(double median, double p90) {
    var prior = new FailoverPolicySpec.DurationPriorSpec();
    prior.medianMinutes = median;
    prior.p90Minutes = p90;
    return prior;
  }

  private FailoverPolicy policy(String ns, String name) {
    return client.resources(FailoverPolicy.class).inNamespace(ns).withName(name).get();
  }

  private List<FailoverRun> runs(String ns) {
    return client.resources(FailoverRun.class).inNamespace(ns).list().getItems();
  }

  private static List<String> names(List<FailoverRun> runs) {
    return runs.stream().map(r -> r.getMetadata().getName()).sorted().toList();
  }

  private String namespace(String ns) {
    for (String region : List.of("eu-west", "eu-north")) {
      if (client.resources(Region.class).withName(region).get() == null) {
        client.resource(Fixtures.region(region)).create();
      }
    }
    if (client.namespaces().withName(ns).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    return ns;
  }
}
