package io.failwise.operator.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.DailyBudget;
import io.failwise.testing.ApiServerPerTest;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guards a policy decision asks (halt, budget, a run holding the source) read the control
 * namespace's ConfigMaps from a watch: a thousand decisions make no GET, and what changes on the API
 * server (a halt set with kubectl, an operation recorded, a source taken) counts from the next check.
 * A holder counts while its run is alive, as at admission.
 */
class PolicyGuardReadsIT {
  private static final String CONTROL = "failwise";
  private static final Instant NOW = Instant.parse("2026-03-12T20:40:00Z");
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @RegisterExtension final ApiServerPerTest api = ApiServerPerTest.withNamespaces("fleet", CONTROL);
  private KubernetesClient admin;
  private KubernetesClient controller;
  private ControlState cached;
  private final AtomicInteger configMapGets = new AtomicInteger();

  @BeforeEach
  void start() {
    admin = api.client();
    Interceptor counting =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            // A GET of one named ConfigMap; the informer's list and watch are on the collection.
            if ("GET".equals(request.method()) && request.uri().getPath().matches(".*/configmaps/[^/]+")) {
              configMapGets.incrementAndGet();
            }
          }
        };
    controller =
        new KubernetesClientBuilder()
            .withConfig(admin.getConfiguration())
            .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count-gets", counting))
            .build();
    cached = new ControlState(controller, CONTROL, java.time.Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    cached.close();
    controller.close();
  }

  /** A world that answers the clock and freeze windows only: the halt must come from the cache. */
  private static RunWorld world() {
    return (RunWorld)
        Proxy.newProxyInstance(
            RunWorld.class.getClassLoader(),
            new Class<?>[] {RunWorld.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "now" -> NOW;
                  case "zone" -> java.time.ZoneOffset.UTC; // the zone its messages say times in
                  case "freeze" -> Optional.empty();
                  default -> throw new AssertionError("the guards must not ask the world for " + method.getName());
                });
  }

  /** A FailoverRun the controller is running (as far as its status says). */
  private FailoverRun running(String name) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("fleet").build());
    run.setSpec(new FailoverRunSpec());
    run.getSpec().mode = Mode.Failover;
    run.getSpec().playbook = "regional-failover";
    run.getSpec().source = "go-2";
    run.getSpec().reason = "test";
    run.getSpec().requestedBy = "test";
    run = admin.resource(run).create();
    run.setStatus(new FailoverRunStatus());
    run.getStatus().phase = "Running";
    return admin.resource(run).updateStatus();
  }

  private String reason(RunGuards guards, String source) {
    return guards.check("fleet", source, Mode.Failover, false).reason();
  }

  @Test
  void decisionsReadTheHaltAndTheLedgerFromTheWatchNotTheApiServer() {
    RunGuards guards = new RunGuards(world(), cached, new DailyBudget(1, 1));
    assertEquals("Allowed", reason(guards, "go-1"));
    for (int i = 0; i < 1_000; i++) {
      guards.check("fleet", "go-" + (i % 50), Mode.Failover, true);
    }
    assertEquals(0, configMapGets.get(), "1,000 decisions, no GET of the halt or a ledger");

    // Another controller's run spends go-1's budget and takes go-2: the next checks say so.
    var ledger = new ConfigMapSourceLedger(admin, new DailyBudget(1, 1), h -> true, CONTROL);
    ledger.record("fleet", "go-1", DailyBudget.Kind.FAILOVER, new SourceLedger.Holder("run-a", "uid-a"), NOW.minusSeconds(600));
    FailoverRun runB = running("run-b");
    ledger.acquire("fleet", "go-2", new SourceLedger.Holder("run-b", runB.getMetadata().getUid()), List.of(), NOW);
    await().atMost(PATIENCE).until(() -> reason(guards, "go-1").equals("BudgetUsedUp"));
    await().atMost(PATIENCE).until(() -> reason(guards, "go-2").equals("WaitingForSource"));
    assertTrue(guards.check("fleet", "go-2", Mode.Failover, false).message().contains("run-b"));
    // Someone deletes the run mid-flight: its ledger entry stays, but it holds nothing, as admission
    // counts it, so the policy is not kept waiting for a run that no longer exists.
    admin.resource(runB).delete();
    await().atMost(PATIENCE).until(() -> admin.resources(FailoverRun.class).inNamespace("fleet").withName("run-b").get() == null);
    assertEquals("Allowed", reason(guards, "go-2"));
    // Nor does a holder that ended before it could release the source (its counts may still settle:
    // the run a policy creates then waits Pending a few minutes, and starts on its own).
    FailoverRun runC = running("run-c");
    ledger.acquire("fleet", "go-4", new SourceLedger.Holder("run-c", runC.getMetadata().getUid()), List.of(), NOW);
    await().atMost(PATIENCE).until(() -> reason(guards, "go-4").equals("WaitingForSource"));
    runC.getStatus().phase = "Succeeded";
    admin.resource(runC).updateStatus();
    assertEquals("Allowed", reason(guards, "go-4"));
    // A holder that ended Failed left routing for a person to finish: it holds the source until resolved.
    FailoverRun runD = running("run-d");
    ledger.acquire("fleet", "go-5", new SourceLedger.Holder("run-d", runD.getMetadata().getUid()), List.of(), NOW);
    runD.getStatus().phase = "Failed";
    runD = admin.resource(runD).updateStatus();
    // The ledger entry comes through the watch (the run's phase is read live): wait for it to arrive.
    await().atMost(PATIENCE).until(() -> reason(guards, "go-5").equals(RunGuards.WAITING_FOR_RESOLVE));
    assertEquals("Run run-d ended Failed and holds go-5 until a person finishes by hand what it left and runs `failwise resolve run-d`.",
        guards.check("fleet", "go-5", Mode.Failover, false).message());
    runD.getStatus().resolved = new FailoverRunStatus.UserRequest("sre@example.com", "2026-03-12T23:10:00Z", "routing restored");
    admin.resource(runD).updateStatus();
    assertEquals("Allowed", reason(guards, "go-5"));

    // A halt set with kubectl (no labels, the CLI's data keys) counts from the next decision, and lifting it too.
    admin.configMaps().inNamespace(CONTROL).resource(
        new ConfigMapBuilder().withNewMetadata().withName(HaltSwitch.NAME).withNamespace(CONTROL).endMetadata()
            .addToData("by", "sre@example.com").addToData("at", "2026-03-12T20:39:00Z").addToData("reason", "bridge call").build()).create();
    await().atMost(PATIENCE).until(() -> reason(guards, "go-3").equals("Halted"));
    assertEquals("The global halt is set by sre@example.com since " + RunStatuses.said("2026-03-12T20:39:00Z", NOW, java.time.ZoneOffset.UTC) + " (bridge call).", guards.check("fleet", "go-3", Mode.Failover, false).message());
    admin.configMaps().inNamespace(CONTROL).withName(HaltSwitch.NAME).delete();
    await().atMost(PATIENCE).until(() -> reason(guards, "go-3").equals("Allowed"));

    assertEquals(0, configMapGets.get(), "still no GET: every change came through the watch");
  }
}
