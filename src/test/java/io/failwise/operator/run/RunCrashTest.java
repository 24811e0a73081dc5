package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.execution.WebhookServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills the controller at every status write of a run, once before the write reaches the API server
 * and once after, starts a new controller, and checks that the run ends exactly as it does without
 * a crash: same phase and steps, the same routing writes in the same order (each once), the same
 * webhook effects (each idempotency key once).
 */
class RunCrashTest {
  /** A run to crash, with the people around it. */
  record Scenario(String name, Consumer<RunHarness> setup, Function<RunHarness, Consumer<FailoverRun>> person) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What a run leaves behind, without times. */
  record Outcome(String phase, String reason, List<String> steps, List<JsonNode> objectWrites, List<String> effects, JsonNode routing) {}

  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario(
            "regional failover with approval and failback",
            h -> {
              h.setConnected("go-eu-west-1", 100_000);
              h.create("run", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
            },
            h -> run -> {
              h.approver("oncall").accept(run);
              if ("WaitingForSource".equals(run.getStatus().reason)) {
                h.setConnected("go-eu-west-1", 179_420);
              }
            }),
        new Scenario(
            "regional drill, its gateway set back at the end",
            h -> h.create("run", "regional-failover", "go-eu-west-1", Mode.Drill, s -> {}),
            h -> h.approver("oncall")),
        new Scenario(
            "quarterly drill",
            h -> h.create("run", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {}),
            h -> run -> {}),
        new Scenario(
            "stop condition in the middle of a wave",
            h -> h.create("run", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {}),
            h -> run -> {
              h.approver("oncall").accept(run);
              var steps = run.getStatus().steps;
              if (steps != null && steps.get(3).wavesAppliedAt.size() == 3) {
                h.setConnected("go-eu-north-1", 60_000);
              }
            }),
        new Scenario(
            "affected devices by webhook",
            h -> {
              h.setConnected("go-eu-west-2", 100_000);
              h.create("run", "affected-devices", "go-eu-west-2", Mode.Failover, s -> {});
            },
            h -> run -> {
              if ("WaitingForSource".equals(run.getStatus().reason)) {
                h.setConnected("go-eu-west-2", 119_610);
              }
            }),
        new Scenario(
            "affected devices stopped, webhook undo",
            h -> {
              h.setConnected("go-eu-west-2", 100_000);
              h.arrivingShare = 0.5;
              h.create("run", "affected-devices", "go-eu-west-2", Mode.Failover, s -> {});
            },
            h -> run -> {}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aCrashAtAnyStatusWriteChangesNothingInTheEnd(Scenario scenario) {
    Outcome reference;
    int writes;
    try (RunHarness h = new RunHarness()) {
      scenario.setup().accept(h);
      FailoverRun done = h.drive("run", scenario.person().apply(h));
      assertTrue(RunStatuses.phase(done).isTerminal());
      reference = outcome(h, done);
      writes = h.runs.writes();
      assertEquals(0, h.restarts);
    }
    assertTrue(writes > 10, "a real run writes its status many times: " + writes);
    List<String> failures = new ArrayList<>();
    for (int k = 1; k <= writes; k++) {
      for (boolean afterWrite : new boolean[] {false, true}) {
        try (RunHarness h = new RunHarness()) {
          scenario.setup().accept(h);
          h.runs.crashAt(k, afterWrite);
          FailoverRun done = h.drive("run", scenario.person().apply(h));
          Outcome o = outcome(h, done);
          if (h.restarts != 1 || !o.equals(reference)) {
            failures.add("crash " + (afterWrite ? "after" : "before") + " write " + k + " (" + h.restarts + " restarts): " + o);
          }
          // A webhook resent after a crash carries the key it had: the provider acts once.
          List<WebhookServer.Request> requests = h.provisioning.requests();
          long distinctKeys = requests.stream().map(WebhookServer.Request::idempotencyKey).distinct().count();
          assertEquals(h.provisioning.effects().size(), distinctKeys);
          assertTrue(requests.size() <= distinctKeys + 1, "at most the interrupted call is sent twice: " + requests.size());
        }
      }
    }
    assertEquals(List.of(), failures, "reference: " + reference);
  }

  private static Outcome outcome(RunHarness h, FailoverRun run) {
    var s = run.getStatus();
    return new Outcome(
        s.phase,
        s.reason,
        s.steps == null ? List.of() : s.steps.stream().map(st -> st.name + "=" + st.state + "/" + st.wavesAppliedAt.size()).toList(),
        h.objects.history().stream().map(w -> (JsonNode) w.after()).toList(),
        h.provisioning.effects().stream().map(r -> r.idempotencyKey() + " " + r.body()).toList(),
        h.routing());
  }
}
