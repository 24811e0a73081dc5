package io.failwise.operator.policy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.Fixtures;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.failwise.model.run.DailyBudget;
import io.failwise.operator.run.SourceLedger;
import io.failwise.operator.status.Conditions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
import org.junit.jupiter.api.Test;

/**
 * FailoverPolicies run by the controller against the test API server, with detection on static
 * signals and the runs' real guards: what a person reads in the policy's status and which runs exist.
 */
@QuarkusTest
@TestProfile(PolicyProfile.class)
class FailoverPolicyIT extends PolicyWorld {
  @Test
  void the12MarchIncidentIsHeldInReserveWithinOneReconcileAndNothingRuns() {
    // The controller's clock stands still: a decision that waited for any time to pass would never come,
    // and one made at the first look at the Outage bears the very time the condition turned true, however
    // slowly a loaded machine gets from the cluster's reconcile to the policy's.
    clock.holdAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
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
    assertEquals(outage.getLastTransitionTime(), d.time, "decided with no time passed on the controller's clock since the Outage condition");
    assertEquals(outage.getLastTransitionTime(), d.outageSince, "about the outage that condition is");
    assertEquals(1, policy(ns, "eu-shadow").getStatus().decisions.size(), "one decision: " + policy(ns, "eu-shadow").getStatus().decisions);
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
    // regional-failover asks a person before it moves anything: the decision does not say "Started".
    assertTrue(d.explanation.endsWith("Created failover run " + d.run + "; it moves nothing until a person approves its step approve"
        + " (failwise approve " + d.run + " -n " + ns + ")."), d.explanation);
    assertTrue(runs.get(0).getSpec().reason.contains("100,000"), runs.get(0).getSpec().reason);
    // The run's own estimate weighs the outage with the policy's prior (600 min median), as the decision did:
    // with the default prior (120 min) it put the break-even's probability far apart from the decision's.
    await().atMost(PATIENCE).until(() -> {
      FailoverRun r = client.resources(FailoverRun.class).inNamespace(ns).withName(d.run).get();
      return r.getStatus() != null && r.getStatus().estimate != null && r.getStatus().estimate.explanation != null;
    });
    var runEstimate = client.resources(FailoverRun.class).inNamespace(ns).withName(d.run).get().getStatus().estimate;
    var remaining = java.util.regex.Pattern.compile("expected to last another [^(]*\\(median [^)]*\\)").matcher(d.explanation);
    assertTrue(remaining.find(), d.explanation);
    assertTrue(runEstimate.explanation.contains(remaining.group()),
        "the run's estimate weighs the outage as the decision did (" + remaining.group() + "): " + runEstimate.explanation);
    // Stamped on the controller's clock, which the cooldown is measured on (not the API server's creationTimestamp).
    Instant stamped = Instant.parse(runs.get(0).getMetadata().getAnnotations().get("failwise.io/created-at"));
    assertTrue(Duration.between(Instant.parse(d.time), stamped).abs().getSeconds() <= 60, stamped + " against the decision at " + d.time);

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
    // Which run started the cooldown, and until when it blocks: the approver's two questions.
    assertTrue(d.explanation.contains("Not acted on: this policy started run earlier for this cluster at "), d.explanation);
    // (with its date when the hour's end is another day: a run of this test after 23:00 UTC failed on it)
    assertTrue(d.explanation.matches("(?s).*, within its cooldown of 1 h: no new run before (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d(:\\d\\d)? \\S+\\.$"),
        d.explanation);
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
   * The signal of a cluster the policy decided on is lost (its observer's Prometheus stops answering):
   * through the real cluster controller, its Ready condition and the policy's informer, the policy says
   * once, two minutes later, that it stops deciding and which decision stands; when the counts can be read
   * again with the outage going on, it decides again at once.
   */
  @Test
  void aLostSignalIsSaidByThePolicyAndTheOutageIsDecidedOnAgainWhenTheCountsReturn() {
    String ns = namespace("blind");
    totalOutage(ns);
    client.resource(policy(ns, "watcher", FailoverPolicySpec.Mode.Shadow, List.of("go-total"), null)).create();
    Decision first = awaitDecision(ns, "watcher");
    var clusters = client.resources(Cluster.class).inNamespace(ns).withName("go-total");
    // A merge patch carries no resourceVersion: it cannot conflict with the controller's status writes.
    clusters.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"signals\":{\"static\":null,\"prometheus\":[{\"name\":\"gone\",\"url\":\"http://127.0.0.1:9\","
            + "\"connectedQuery\":\"sum(connected)\",\"expectedQuery\":\"sum(expected)\",\"timeoutSeconds\":1}]}}}");
    await().atMost(PATIENCE).untilAsserted(() -> {
      Cluster c = clusters.get();
      assertTrue(c.getStatus() != null, "the cluster has a status");
      assertEquals("False", Conditions.find(c.getStatus().conditions, "Ready").orElseThrow().getStatus(), () -> c.getStatus().conditions.toString());
    });
    clock.startAt(Instant.now().plus(Duration.ofMinutes(3))); // past the two minutes' grace
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverPolicy p = policy(ns, "watcher");
      Decision said = p.getStatus().decisions.get(0);
      assertEquals("SignalLost", said.action, said.explanation);
      assertEquals(first.recommendation, said.recommendation, "the recommendation that stands");
      assertTrue(said.explanation.startsWith("The device counts of go-total cannot be read since "), said.explanation);
      assertTrue(said.explanation.contains("its last decision (" + first.recommendation + " at "), said.explanation);
      assertEquals(Boolean.TRUE, p.getStatus().watches.get(0).signalLost);
    });

    clusters.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"signals\":{\"prometheus\":null,\"static\":{\"expected\":100000,\"connected\":0}}}}");
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverPolicy p = policy(ns, "watcher");
      Decision again = p.getStatus().decisions.get(0);
      assertTrue(again.explanation.startsWith("Decided again: the device counts can be read again and the outage goes on."), again.explanation);
      assertEquals(1, p.getStatus().decisions.stream().filter(d -> "SignalLost".equals(d.action)).count(), "said once");
    });
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
}
