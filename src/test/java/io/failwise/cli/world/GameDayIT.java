package io.failwise.cli.world;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.cli.EmbeddedMode;
import io.failwise.testing.EmbeddedWorldProfile;
import io.failwise.testing.LivingWorld;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14's Done-when, as a user does it: {@code failwise run --embedded --speed 60};
 * {@code kubectl apply -f playbooks/runs/} brings every example run to the end its
 * file states, with approvals given by {@code failwise approve}, within 5 minutes at 60x (300
 * simulated minutes, measured on the world's clock so that a loaded machine slows the world, not the
 * verdict); then {@code failwise sim outage go-eu-west-1 --offline 40%} turns its Outage condition
 * true, the sample policy records a decision, and {@code kubectl describe} lists the cluster's Events.
 */
@QuarkusTest
@TestProfile(GameDayIT.Speed60.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GameDayIT {
  /** The Done-when's speed. */
  public static class Speed60 extends EmbeddedWorldProfile {
    @Override
    public double speed() {
      return 60;
    }
  }

  private static final Path RUNS = Path.of("playbooks/runs");
  private static final Duration WITHIN = Duration.ofMinutes(5).multipliedBy(60);
  /** A safety net only: the verdict is on the world's clock. */
  private static final Duration WALL_LIMIT = Duration.ofMinutes(20);
  private static final Pattern INTENDED = Pattern.compile("# Intended end: phase (\\w+)(, with the failback done)?");

  @Inject PicocliCommandLineFactory commands;
  @Inject KubernetesClient client;
  @Inject Clock clock;

  private LivingWorld world;

  @BeforeAll
  void startTheWorld() throws Exception {
    world = LivingWorld.start(commands, client, 60, Files.createTempDirectory("game-day"));
  }

  @AfterAll
  void endTheWorld() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  record Intended(String file, String phase, boolean failback) {}

  @Test
  @Order(1)
  void everyExampleRunReachesTheEndItsFileStatesWithApprovalsByFailwiseApprove() throws Exception {
    Map<String, Intended> intended = intendedEnds();
    assertTrue(intended.size() >= 5, "playbooks/runs/ holds an example run of every playbook: " + intended);
    Map<String, String> routingBefore = routing();
    Instant applied = clock.instant();

    LivingWorld.Result apply = world.apply(RUNS);
    assertEquals(0, apply.exitCode(), apply.toString());

    await("every example run at a terminal phase").atMost(WALL_LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
      world.approveWaitingRuns();
      return intended.keySet().stream().allMatch(name -> terminal(run(name)));
    });

    for (var e : intended.entrySet()) {
      FailoverRunStatus st = run(e.getKey()).getStatus();
      String what = e.getKey() + " (" + e.getValue().file() + "): " + st.phase + ", " + st.message + "\n" + world.terminal();
      assertEquals(e.getValue().phase(), st.phase, what);
      Duration took = Duration.between(applied, Instant.parse(st.finishedAt));
      assertTrue(took.compareTo(WITHIN) <= 0, e.getKey() + " ended " + took + " of simulated time after the apply; at 60x 5 minutes are " + WITHIN);
      if (e.getValue().failback()) {
        FailoverRunStatus.StepStatus failback = st.steps.stream().filter(s -> "failback".equalsIgnoreCase(s.kind)).findFirst()
            .orElseThrow(() -> new AssertionError(e.getKey() + " has no failback step: " + what));
        assertEquals("Succeeded", failback.state, what);
      }
    }
    assertEquals(routingBefore, routing(), "every drill and failover failed back: the routing ConfigMap is as the samples wrote it");
    // The Drill and the Failover on go-eu-west-2 take the source in either order; whichever waits for a
    // person while terminal 1 watches is told the command to give.
    assertTrue(world.feed().contains("Waiting for approval of step approve: failwise approve regional-failover-"),
        "terminal 1 says which command to give:\n" + world.feed());
    // Terminal 1 prints what its own watch sees, a moment after the status this test read.
    String succeeded = "Failover regional-failover-eu-west-2 (regional-failover on go-eu-west-2): Succeeded.";
    try {
      await("terminal 1 prints the failover's end").atMost(Duration.ofSeconds(60)).until(() -> world.feed().contains(succeeded));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("terminal 1 follows the runs:\n" + world.feed(), e);
    }
  }

  @Test
  @Order(2)
  void anInjectedOutageTurnsOutageTrueThePolicyDecidesAndDescribeListsTheEvents() throws Exception {
    // More devices than the cluster has is refused, not applied as all of them.
    LivingWorld.Result tooMany = world.failwise("sim", "outage", "go-eu-west-1", "--offline", "999999");
    assertEquals(2, tooMany.exitCode(), tooMany.toString());
    assertTrue(tooMany.err().contains("--offline 999,999 is more than the 180,000 devices go-eu-west-1 has"), tooMany.toString());
    // A recovery with no outage in force changes nothing and says so, rather than "recovered".
    LivingWorld.Result noOutage = world.failwise("sim", "recover", "go-eu-west-1");
    assertEquals(0, noOutage.exitCode(), noOutage.toString());
    assertTrue(noOutage.out().contains("failwise/go-eu-west-1: recovery, no outage in force, nothing changed at"), noOutage.toString());
    Instant injected = clock.instant();
    LivingWorld.Result sim = world.failwise("sim", "outage", "go-eu-west-1", "--offline", "40%");
    assertEquals(0, sim.exitCode(), sim.toString());
    assertTrue(sim.out().contains("failwise/go-eu-west-1: 40% offline"), sim.out());

    await("go-eu-west-1's Outage condition True").atMost(WALL_LIMIT).pollInterval(Duration.ofSeconds(1))
        .until(() -> "True".equals(condition(cluster("go-eu-west-1"), "Outage")));
    Cluster west1 = cluster("go-eu-west-1");
    assertEquals("Outage", west1.getStatus().health);
    long offline = west1.getStatus().devices.offline;
    assertTrue(offline > 180_000 * 0.3 && offline < 180_000 * 0.5, "about 40% of 180,000 offline: " + offline);

    await("eu-shadow records a decision for go-eu-west-1").atMost(WALL_LIMIT).pollInterval(Duration.ofSeconds(1))
        .until(() -> decisionAfter(injected) != null);
    var decision = decisionAfter(injected);
    assertTrue(List.of("HOLD", "FAILOVER", "FAILOVER_AFFECTED").contains(decision.recommendation), decision.recommendation);
    assertTrue(decision.explanation != null && decision.explanation.contains("go-eu-west-1"), decision.explanation);
    await("terminal 1 prints the outage and the decision").atMost(Duration.ofMinutes(2))
        .until(() -> world.feed().contains("go-eu-west-1 is Outage") && world.feed().contains("Policy eu-shadow decided"));

    // Events are written on a thread of their own, after the status the reconcile wrote.
    await("the cluster's Events name the outage").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      String events = describedEvents();
      assertTrue(events.contains("OutageDetected"), "the cluster's Events name the outage:\n" + events);
      assertFalse(events.contains("<none>"), events);
    });
  }

  /**
   * A failover of the cluster in outage moves its devices out: its counts then read "0 of 0 devices",
   * which is no recovery. The outage goes on (Outage True from the same transition, reason
   * DevicesMovedOut), no end is recorded in status.pastOutages, and the policy neither reads the falling
   * count as a recovering trend nor records a recovery. Followed until the failback's canary is home, so
   * the whole time the devices were away is covered by the one transition time.
   */
  @Test
  @Order(3)
  void aFailoverOfTheClusterInOutageIsNoRecovery() throws Exception {
    Cluster before = cluster("go-eu-west-1");
    assertEquals("True", condition(before, "Outage"), "the outage of the test before goes on");
    String outageSince = outage(before).getLastTransitionTime();
    var pastBefore = before.getStatus().pastOutages;
    Instant started = clock.instant();
    FailoverRun run = new FailoverRun();
    run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("west-1-failover").withNamespace(EmbeddedMode.NAMESPACE).build());
    run.setSpec(new io.failwise.api.FailoverRunSpec());
    run.getSpec().playbook = "regional-failover";
    run.getSpec().source = "go-eu-west-1";
    run.getSpec().mode = io.failwise.api.FailoverRunSpec.Mode.Failover;
    run.getSpec().reason = "The outage of go-eu-west-1 goes on (GameDayIT).";
    client.resource(run).create();

    await("go-eu-west-1 evacuated").atMost(WALL_LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
      world.approveWaitingRuns();
      Cluster c = cluster("go-eu-west-1");
      return c.getStatus().devices != null && c.getStatus().devices.expected == 0;
    });
    Cluster evacuated = cluster("go-eu-west-1");
    String what = evacuated.getStatus().health + ", " + outage(evacuated) + "\n" + world.terminal();
    assertEquals("Outage", evacuated.getStatus().health, what);
    assertEquals("DevicesMovedOut", outage(evacuated).getReason(), what);
    assertTrue(outage(evacuated).getMessage().startsWith("Run west-1-failover is moving go-eu-west-1's devices (0 of 0 devices"), what);

    await("the failback's first wave sent devices home").atMost(WALL_LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
      FailoverRunStatus st = run("west-1-failover").getStatus();
      return st != null && "failback".equals(st.currentStep) && cluster("go-eu-west-1").getStatus().devices.expected > 0;
    });
    Cluster home = cluster("go-eu-west-1");
    what = home.getStatus().health + ", " + outage(home) + ", past outages " + home.getStatus().pastOutages + "\n" + world.terminal();
    assertEquals("True", outage(home).getStatus(), what);
    assertEquals(outageSince, outage(home).getLastTransitionTime(), "one outage the whole time the devices were away: " + what);
    assertEquals(pastBefore, home.getStatus().pastOutages, "no end recorded: " + what);
    FailoverPolicy shadow = client.resources(FailoverPolicy.class).inNamespace(EmbeddedMode.NAMESPACE).withName("eu-shadow").get();
    for (var d : shadow.getStatus().decisions) {
      if ("go-eu-west-1".equals(d.cluster) && !Instant.parse(d.time).isBefore(started)) {
        assertFalse("Recovered".equals(d.action) || d.explanation.contains("Recovering"), "a run's moves read as a recovery: " + d.explanation);
      }
    }
  }

  private static Condition outage(Cluster c) {
    return c.getStatus().conditions.stream().filter(x -> "Outage".equals(x.getType())).findFirst().orElseThrow();
  }

  /** The Events of go-eu-west-1 as `kubectl describe` shows them (the client's field selector without kubectl). */
  private String describedEvents() throws Exception {
    if (LivingWorld.hasKubectl()) {
      LivingWorld.Result described = world.kubectl("describe", "fwcluster", "go-eu-west-1", "-n", EmbeddedMode.NAMESPACE);
      assertEquals(0, described.exitCode(), described.toString());
      int at = described.out().indexOf("\nEvents:");
      assertTrue(at >= 0, described.out());
      return described.out().substring(at);
    }
    StringBuilder out = new StringBuilder();
    client.v1().events().inNamespace(EmbeddedMode.NAMESPACE).withField("involvedObject.name", "go-eu-west-1").list().getItems()
        .forEach(e -> out.append(e.getReason()).append(' ').append(e.getMessage()).append('\n'));
    return out.length() == 0 ? "<none>" : out.toString();
  }

  private io.failwise.api.FailoverPolicyStatus.Decision decisionAfter(Instant injected) {
    FailoverPolicy p = client.resources(FailoverPolicy.class).inNamespace(EmbeddedMode.NAMESPACE).withName("eu-shadow").get();
    if (p == null || p.getStatus() == null) {
      return null;
    }
    return p.getStatus().decisions.stream()
        .filter(d -> "go-eu-west-1".equals(d.cluster) && !Instant.parse(d.time).isBefore(injected))
        .findFirst().orElse(null);
  }

  /** Each file's run and the end its comment states ("Intended end: phase P[, with the failback done]"). */
  static Map<String, Intended> intendedEnds() throws Exception {
    Map<String, Intended> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(RUNS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String text = Files.readString(file);
        Matcher m = INTENDED.matcher(text);
        assertTrue(m.find(), file + " states its intended end (# Intended end: phase ...)");
        String name;
        try (InputStream in = Files.newInputStream(file)) {
          name = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, FailoverRun.class).getMetadata().getName();
        }
        out.put(name, new Intended(file.getFileName().toString(), m.group(1), m.group(2) != null));
      }
    }
    return out;
  }

  private FailoverRun run(String name) {
    return client.resources(FailoverRun.class).inNamespace(EmbeddedMode.NAMESPACE).withName(name).get();
  }

  private static boolean terminal(FailoverRun run) {
    return run != null && run.getStatus() != null
        && io.failwise.model.run.RunPhase.parse(run.getStatus().phase).map(io.failwise.model.run.RunPhase::isTerminal).orElse(false);
  }

  private Cluster cluster(String name) {
    return client.resources(Cluster.class).inNamespace(EmbeddedMode.NAMESPACE).withName(name).get();
  }

  private static String condition(Cluster c, String type) {
    if (c == null || c.getStatus() == null || c.getStatus().conditions == null) {
      return null;
    }
    return c.getStatus().conditions.stream().filter(x -> type.equals(x.getType())).map(Condition::getStatus).findFirst().orElse(null);
  }

  private Map<String, String> routing() {
    ConfigMap cm = client.configMaps().inNamespace(EmbeddedMode.NAMESPACE).withName("device-routing").get();
    return Map.copyOf(cm.getData());
  }
}
