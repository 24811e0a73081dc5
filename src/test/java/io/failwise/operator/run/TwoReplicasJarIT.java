package io.failwise.operator.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.failwise.api.FailoverRun;
import io.failwise.embedded.EmbeddedApiServer;
import io.failwise.execution.WebhookServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged controller ({@code failwise run}, each its own JVM) with leader
 * election against one API server: the leader is killed with SIGKILL in the middle of a wave, and the
 * standby takes over and finishes the run with every routing write and webhook call done once.
 *
 * <p>A {@code *JarIT} runs against target/quarkus-app (the build's integration-test phase, after
 * package): the processes are the product as shipped, not a test's copy of it.
 */
class TwoReplicasJarIT {
  private static final String NS = "failwise";
  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final Path WORK = Path.of("target/two-replicas");
  private static final String LEASE = "failwise-controller";
  private static final String HOST = "two-replicas-test";
  /** Short Lease settings so that the takeover is quick; retry < renew deadline < lease duration. */
  private static final Duration LEASE_DURATION = Duration.ofSeconds(5);
  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(3);
  private static final Duration RETRY_PERIOD = Duration.ofSeconds(1);

  private EmbeddedApiServer server;
  private WebhookServer provisioning;
  private final List<Replica> replicas = new ArrayList<>();
  private Watch routingWatch;

  /** One controller process and where its output goes. */
  private record Replica(String name, Process process, Path log) {
    String identity() {
      return HOST + "-" + process.pid();
    }

    String output() {
      try {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        return "(cannot read " + log + ": " + e.getMessage() + ")";
      }
    }
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    for (Replica r : replicas) {
      r.process().destroyForcibly();
      r.process().waitFor();
    }
    if (routingWatch != null) {
      routingWatch.close();
    }
    if (provisioning != null) {
      provisioning.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theStandbyTakesOverAKilledLeaderMidWaveAndEachEffectHappensOnce() throws Exception {
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: this test runs the packaged controller (mvn package, then the test)");
    server = EmbeddedApiServer.start(0);
    server.installCrds();
    KubernetesClient client = server.client();
    for (String ns : List.of(NS, "failwise-system")) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    provisioning = new WebhookServer();
    apply(client, world(provisioning.url()));
    List<Map<String, String>> routingWrites = Collections.synchronizedList(new ArrayList<>());
    routingWatch = client.configMaps().inNamespace(NS).withName("device-routing").watch(new Watcher<ConfigMap>() {
      @Override
      public void eventReceived(Action action, ConfigMap cm) {
        if (action == Action.MODIFIED) {
          routingWrites.add(Map.copyOf(cm.getData()));
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });

    Path kubeconfig = server.writeKubeconfig(WORK.resolve("kubeconfig"), NS);
    replicas.add(start("replica-a", kubeconfig));
    replicas.add(start("replica-b", kubeconfig));
    for (Replica r : replicas) {
      await("controller " + r.name() + " started").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> failIfDead(r).output().contains("Failwise controller running against"));
    }
    Map<String, Replica> byIdentity = replicas.stream().collect(Collectors.toMap(Replica::identity, Function.identity()));
    Replica leader = await("a leader holds the Lease").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> byIdentity.get(holder(client)), r -> r != null);
    Replica standby = replicas.stream().filter(r -> r != leader).findFirst().orElseThrow();

    apply(client, RUN);
    // Kill the leader while the shift holds its second wave: applied, and its next effect not begun.
    FailoverRun atKill = await("the shift's second wave applied").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
        .until(() -> run(client), r -> wavesApplied(r, "shift") >= 2);
    leader.process().destroyForcibly();
    Instant killedAt = Instant.now();
    leader.process().waitFor();
    FailoverRun afterKill = run(client);
    assertEquals(2, wavesApplied(afterKill, "shift"), "the kill came in the middle of the shift, after its second wave");
    assertEquals("Running", afterKill.getStatus().phase);
    String pendingAtKill = afterKill.getStatus().pendingEffect == null ? null : afterKill.getStatus().pendingEffect.key;

    Lease taken = await("the standby holds the Lease").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> lease(client), l -> l != null && standby.identity().equals(l.getSpec().getHolderIdentity()));
    Duration takeover = Duration.between(killedAt, taken.getSpec().getAcquireTime().toInstant());
    System.out.printf("TwoReplicasJarIT: takeover %d ms after the SIGKILL (lease duration %s, retry period %s)%n",
        takeover.toMillis(), LEASE_DURATION, RETRY_PERIOD);
    // The protocol bounds it by lease duration + retry period; twice the lease duration absorbs a
    // loaded machine's scheduling without letting a standby that waits for the next lease pass.
    assertTrue(takeover.compareTo(LEASE_DURATION.multipliedBy(2)) <= 0,
        "the standby took over " + takeover.toMillis() + " ms after the kill; lease duration " + LEASE_DURATION);

    FailoverRun done = await("the standby finishes the run").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> failIfDead(standby) == standby ? run(client) : null, r -> r.getStatus().phase != null
            && List.of("Succeeded", "Failed", "RolledBack", "Aborted", "Refused").contains(r.getStatus().phase));
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message + "\n" + standby.output());
    assertNotEquals(atKill.getMetadata().getResourceVersion(), done.getMetadata().getResourceVersion());

    // Each routing write once, in order, whoever made it; then the webhook's failback once per wave.
    assertEquals(List.of("25", "50", "100"), routingWrites.stream().map(d -> d.get("src.percent")).toList(),
        "routing writes as the watch saw them: " + routingWrites);
    String uid = done.getMetadata().getUid();
    assertEquals(List.of(uid + "/failback/w1", uid + "/failback/w2"),
        provisioning.requests().stream().map(WebhookServer.Request::idempotencyKey).toList(),
        "webhook calls, retries included (pending at the kill: " + pendingAtKill + ")");
    assertEquals(List.of("/v1/moves", "/v1/moves"), provisioning.requests().stream().map(WebhookServer.Request::path).toList());
    assertNull(done.getStatus().pendingEffect);
    assertTrue(standby.process().isAlive(), "the standby keeps running after finishing the run");
  }

  private Replica start(String name, Path kubeconfig) throws IOException {
    Files.createDirectories(WORK);
    Path log = WORK.resolve(name + ".log");
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dquarkus.http.port=" + freePort(),
        "-Dquarkus.log.level=INFO",
        "-Dfailwise.leader-election.enabled=true",
        "-Dfailwise.leader-election.lease-namespace=" + NS,
        "-Dfailwise.leader-election.lease-duration=" + LEASE_DURATION.toMillis() + "ms",
        "-Dfailwise.leader-election.renew-deadline=" + RENEW_DEADLINE.toMillis() + "ms",
        "-Dfailwise.leader-election.retry-period=" + RETRY_PERIOD.toMillis() + "ms",
        "-Dfailwise.runs.tick-interval=200ms",
        // Losses show at once in this world (a static signal): no 6-minute watch of the failback's first wave.
        "-Dfailwise.runs.settle=0s",
        "-Dfailwise.poll-interval=1s",
        "-Dfailwise.allow.objects=ConfigMap failwise/device-routing",
        "-Dfailwise.allow.webhooks=" + provisioning.url() + "/v1/",
        "-jar", JAR.toAbsolutePath().toString(), "run");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
    // Both on one host, as two pods are not: the controller must still tell them apart.
    pb.environment().put("HOSTNAME", HOST);
    pb.environment().keySet().removeIf(k -> k.startsWith("FAILWISE_") || k.startsWith("QUARKUS_"));
    return new Replica(name, pb.start(), log);
  }

  private static Replica failIfDead(Replica r) {
    if (!r.process().isAlive()) {
      throw new AssertionError("controller " + r.name() + " exited with " + r.process().exitValue() + ":\n" + r.output());
    }
    return r;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Lease lease(KubernetesClient client) {
    return client.leases().inNamespace(NS).withName(LEASE).get();
  }

  private static String holder(KubernetesClient client) {
    Lease l = lease(client);
    return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
  }

  private static FailoverRun run(KubernetesClient client) {
    return client.resources(FailoverRun.class).inNamespace(NS).withName("two-replicas").get();
  }

  private static int wavesApplied(FailoverRun run, String step) {
    if (run == null || run.getStatus() == null || run.getStatus().steps == null) {
      return 0;
    }
    return run.getStatus().steps.stream().filter(s -> step.equals(s.name)).findFirst()
        .map(s -> s.wavesAppliedAt == null ? 0 : s.wavesAppliedAt.size()).orElse(0);
  }

  private static void apply(KubernetesClient client, String yaml) {
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items().forEach(i -> client.resource(i).create());
  }

  /**
   * A small world: two regions, a source of 1,000 devices and its target (so waves are paced in
   * milliseconds and the holds set the pace), the routing ConfigMap, and a playbook that shifts by
   * patching the routing in three waves and fails back through a provisioning API in two.
   */
  private static String world(String provisioningUrl) {
    return """
        apiVersion: failwise.io/v1alpha1
        kind: Region
        metadata: {name: west}
        spec: {displayName: West, provider: azure, location: westeurope}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: Region
        metadata: {name: north}
        spec: {displayName: North, provider: azure, location: northeurope}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: Cluster
        metadata: {name: src, namespace: failwise}
        spec:
          region: west
          capacity: {devices: 5000}
          admission: {devicesPerSecond: 1000}
          failover: {targets: [{cluster: dst, priority: 0}], cutoverSeconds: 60, granularity: Cluster, failbackRequired: true}
          signals: {static: {expected: 1000, connected: 995}}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: Cluster
        metadata: {name: dst, namespace: failwise}
        spec:
          region: north
          capacity: {devices: 5000}
          admission: {devicesPerSecond: 1000}
          failover: {targets: [{cluster: src, priority: 0}], cutoverSeconds: 60, granularity: Cluster, failbackRequired: true}
          signals: {static: {expected: 1000, connected: 995}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: device-routing, namespace: failwise}
        data: {src.target: src, dst.target: dst}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPlaybook
        metadata: {name: two-replicas, namespace: failwise}
        spec:
          description: Shift by the routing ConfigMap, fail back through a provisioning API.
          steps:
          - name: precheck
            precheck: {}
          - name: shift
            shift:
              waves: [25, 50, 100]
              holdEachWaveSeconds: 5
              action:
                patch:
                  apiVersion: v1
                  kind: ConfigMap
                  name: device-routing
                  mergePatch:
                    data: {"{{source}}.target": "{{target}}", "{{source}}.percent": "{{targetPercent}}"}
          - name: failback
            failback:
              waves: [50, 100]
              holdEachWaveSeconds: 1
              action:
                webhook:
                  url: %s/v1/moves
                  body: '{"from": "{{target}}", "to": "{{source}}", "percent": {{wavePercent}}}'
        """.formatted(provisioningUrl);
  }

  private static final String RUN = """
      apiVersion: failwise.io/v1alpha1
      kind: FailoverRun
      metadata: {name: two-replicas, namespace: failwise}
      spec: {playbook: two-replicas, source: src, target: dst, mode: Failover, reason: Two replicas and a SIGKILL.}
      """;
}
