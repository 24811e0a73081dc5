package io.failwise.cli.world;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.cli.EmbeddedMode;
import io.failwise.testing.EmbeddedWorldProfile;
import io.failwise.testing.LivingWorld;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/tutorial.md, done: every command of its shell blocks, in order, against a world started by
 * its first command, each checked for what the page says it prints or does. A command the page gains
 * is run too and must succeed; a check whose command the page lost fails the test.
 */
@QuarkusTest
@TestProfile(TutorialIT.World.class)
class TutorialIT {
  /** The tutorial's own world: another profile class than GameDayIT's, so another application and an empty server. */
  public static class World extends EmbeddedWorldProfile {
    @Override
    public double speed() {
      return 60;
    }
  }

  private static final Duration WAIT = Duration.ofMinutes(15);

  @Inject PicocliCommandLineFactory commands;
  @Inject KubernetesClient client;

  private LivingWorld world;

  @AfterEach
  void endTheWorld() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void everyCommandOfTheTutorialDoesWhatThePageSays() throws Exception {
    List<String> lines = TutorialTest.shellLines(Files.readString(Path.of("docs/tutorial.md")));
    List<String> checked = new ArrayList<>();
    Map<String, String> routingBefore = null;
    Map<String, Integer> gatewaysBefore = new java.util.HashMap<>();
    for (String line : lines) {
      String command = line.replaceAll("\\s+#.*$", "").trim();
      List<String> words = Arrays.asList(command.split("\\s+"));
      String does = String.join(" ", words);
      if (does.startsWith("./failwise run --embedded")) {
        int i = words.indexOf("--speed");
        double speed = i < 0 ? 1 : Double.parseDouble(words.get(i + 1));
        assertEquals(60, speed, "the world of this test runs at the tutorial's speed");
        world = LivingWorld.start(commands, client, speed, Files.createTempDirectory("tutorial"));
        String terminal = world.terminal();
        assertTrue(terminal.contains("eu-north") && terminal.contains("eu-west") && terminal.contains("go-eu-west-1"), terminal);
        assertFalse(summary(terminal).contains("Unknown") || summary(terminal).contains("Outage"), "all Healthy:\n" + terminal);
        routingBefore = routing();
        checked.add("start");
        continue;
      }
      assertTrue(world != null, "the tutorial starts the world before " + command);
      if (words.get(0).equals("export")) {
        continue; // LivingWorld's kubectl uses the kubeconfig the world wrote
      }
      // A person waits for what the page says before the next command; so does the test.
      if (does.startsWith("./failwise approve ")) {
        awaitPhase(words.get(2), "AwaitingApproval");
        awaitTerminal("failwise approve " + words.get(2)); // terminal 1 says which command to give
      }
      if (does.startsWith("kubectl describe fwcluster go-eu-west-1")) {
        // Events are written on a thread of their own, after the status terminal 1 printed: describe once the write is in.
        await("go-eu-west-1's OutageDetected Event written").atMost(WAIT).pollInterval(Duration.ofMillis(500))
            .until(() -> client.v1().events().inNamespace(EmbeddedMode.NAMESPACE).list().getItems().stream()
                .anyMatch(e -> "OutageDetected".equals(e.getReason()) && "go-eu-west-1".equals(e.getInvolvedObject().getName())));
      }
      if (does.startsWith("./failwise abort ")) {
        String run = words.get(2);
        await("waves of " + run + " begun").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> wavesApplied(run, "shift") > 0);
      }
      LivingWorld.Result result = words.get(0).equals("kubectl")
          ? words.contains("apply") && !LivingWorld.hasKubectl() ? world.apply(Path.of(words.get(words.indexOf("-f") + 1)))
              : world.kubectl(words.subList(1, words.size()).toArray(String[]::new))
          : world.failwise(words.subList(1, words.size()).toArray(String[]::new));
      assertEquals(0, result.exitCode(), command + "\n" + result);
      String out = result.out();

      if (does.startsWith("./failwise sim outage go-eu-west-1")) {
        assertTrue(out.contains("failwise/go-eu-west-1: 40% offline"), out);
        awaitTerminal("go-eu-west-1 is Outage: ");
        awaitTerminal("Policy eu-shadow decided ");
        checked.add("outage");
      } else if (does.equals("./failwise get clusters")) {
        assertTrue(out.lines().anyMatch(l -> l.contains("go-eu-west-1") && l.contains("Outage")), out);
        checked.add("get");
      } else if (does.startsWith("kubectl describe fwcluster go-eu-west-1")) {
        String events = out.substring(out.indexOf("\nEvents:"));
        assertTrue(events.contains("OutageDetected"), "conditions, and the Events at the bottom:\n" + out);
        assertTrue(out.contains("Type:                  Outage"), out);
        checked.add("describe");
      } else if (does.equals("./failwise decisions eu-shadow")) {
        assertTrue(out.contains("eu-shadow") && out.contains("go-eu-west-1") && out.contains("Recorded"), out);
        checked.add("decisions");
      } else if (does.equals("./failwise sim recover go-eu-west-1")) {
        awaitTerminal("go-eu-west-1 is Healthy");
        await("go-eu-west-1's Outage condition False").atMost(WAIT).until(() -> !"True".equals(outage("go-eu-west-1")));
        checked.add("recover");
      } else if (does.endsWith("playbooks/runs/regional-failover-plan.yaml")) {
        awaitPhase("regional-failover-plan-eu-west-1", "Planned");
        assertTrue(run("regional-failover-plan-eu-west-1").getStatus().plan.steps.size() > 3, "the resolved steps are in its status");
        assertTrue(run("regional-failover-plan-eu-west-1").getStatus().estimate != null, "and the estimate");
        checked.add("plan");
      } else if (does.equals("./failwise approve regional-failover-drill-eu-west-2")) {
        awaitPhase("regional-failover-drill-eu-west-2", "Succeeded");
        awaitTerminal("Drill regional-failover-drill-eu-west-2 (regional-failover on go-eu-west-2): Succeeded.");
        checked.add("drill");
      } else if (does.endsWith("playbooks/runs/quarterly-drill.yaml")) {
        awaitPhase("quarterly-drill-eu-west-1", "Succeeded");
        assertEquals(routingBefore, routing(), "the canary failed back: the routing ConfigMap as it was");
        checked.add("quarterly");
      } else if (does.endsWith("playbooks/runs/regional-failover.yaml")) {
        // Before its approval nothing is scaled: what the abort must restore (the drill before may have left
        // a target's gateway scaled up; its playbook keeps the scale).
        for (String target : List.of("go-eu-north-1", "go-eu-north-2")) {
          gatewaysBefore.put(target, gatewayReplicas(target));
        }
        checked.add("failover");
      } else if (does.equals("./failwise abort regional-failover-eu-west-2")) {
        awaitPhase("regional-failover-eu-west-2", "RolledBack");
        assertEquals(routingBefore, routing(), "the routing entry restored");
        String target = run("regional-failover-eu-west-2").getStatus().target;
        assertEquals(gatewaysBefore.get(target), gatewayReplicas(target), "the gateway of " + target + " scaled back");
        checked.add("abort");
      } else if (does.equals("./failwise report regional-failover-drill-eu-west-2")) {
        assertTrue(out.contains("- **Outcome:** Succeeded"), out);
        assertTrue(out.contains("Step failback wave 3 applied"), "each wave and the failback:\n" + out);
        checked.add("drill report");
      } else if (does.equals("./failwise report regional-failover-eu-west-2")) {
        assertTrue(out.contains("- **Outcome:** RolledBack"), out);
        assertTrue(out.contains("Abort asked by"), out);
        assertTrue(out.contains("Step shift undone"), out);
        assertFalse(out.contains("| Running |"), "no step is left Running:\n" + out);
        checked.add("abort report");
      }
    }
    assertEquals(List.of("start", "outage", "get", "describe", "decisions", "recover", "plan", "drill", "quarterly", "failover", "abort",
        "drill report", "abort report"), checked, "every step the page promises was done and checked");
  }

  private static String summary(String terminal) {
    int end = terminal.indexOf("The controller keeps reconciling");
    return terminal.substring(terminal.indexOf("NAME "), end);
  }

  private void awaitTerminal(String text) {
    await("terminal 1 prints " + text).atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> world.feed().contains(text));
  }

  private void awaitPhase(String run, String phase) {
    Callable<Boolean> there = () -> {
      FailoverRun r = run(run);
      String now = r == null || r.getStatus() == null ? null : r.getStatus().phase;
      if (now != null && !now.equals(phase) && io.failwise.model.run.RunPhase.parse(now).map(io.failwise.model.run.RunPhase::isTerminal).orElse(false)) {
        throw new AssertionError(run + " ended " + now + " (" + r.getStatus().message + "), not " + phase + "\n" + world.terminal());
      }
      return phase.equals(now);
    };
    await(run + " " + phase).atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(there);
  }

  private int wavesApplied(String run, String step) {
    FailoverRun r = run(run);
    if (r == null || r.getStatus() == null || r.getStatus().steps == null) {
      return 0;
    }
    return r.getStatus().steps.stream().filter(s -> step.equals(s.name) && s.wavesAppliedAt != null).mapToInt(s -> s.wavesAppliedAt.size()).sum();
  }

  private FailoverRun run(String name) {
    return client.resources(FailoverRun.class).inNamespace(EmbeddedMode.NAMESPACE).withName(name).get();
  }

  private String outage(String cluster) {
    Cluster c = client.resources(Cluster.class).inNamespace(EmbeddedMode.NAMESPACE).withName(cluster).get();
    return c == null || c.getStatus() == null ? null
        : c.getStatus().conditions.stream().filter(x -> "Outage".equals(x.getType())).map(x -> x.getStatus()).findFirst().orElse(null);
  }

  private Map<String, String> routing() {
    return Map.copyOf(client.configMaps().inNamespace(EmbeddedMode.NAMESPACE).withName("device-routing").get().getData());
  }

  private int gatewayReplicas(String cluster) {
    return client.apps().deployments().inNamespace(EmbeddedMode.NAMESPACE).withName(cluster + "-gateway").get().getSpec().getReplicas();
  }
}
