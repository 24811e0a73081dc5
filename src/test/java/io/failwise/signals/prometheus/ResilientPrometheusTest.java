package io.failwise.signals.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResilientPrometheusTest {
  private static final String URL = "http://prom:9090";
  private static final Instant T = Instant.parse("2026-03-12T19:45:00Z");
  private static final List<PrometheusApi.Point> ONE = List.of(new PrometheusApi.Point(T, 1));

  /** Answers from a script: a list of points, or an exception to throw. */
  static final class ScriptedApi implements PrometheusApi {
    final Deque<Object> script = new ArrayDeque<>();
    int calls;

    @Override
    @SuppressWarnings("unchecked")
    public List<Point> range(String baseUrl, String query, Instant start, Instant end, Duration step, Duration timeout)
        throws PrometheusQueryException {
      calls++;
      Object next = script.isEmpty() ? ONE : script.poll();
      if (next instanceof PrometheusQueryException e) {
        throw e;
      }
      return (List<Point>) next;
    }
  }

  private static PrometheusQueryException down() {
    return new PrometheusQueryException("Unreachable", "cannot reach " + URL + ": connection refused", true);
  }

  private static List<PrometheusApi.Point> ask(ResilientPrometheus api) throws PrometheusQueryException {
    return api.range(URL, "q", T, T, Duration.ofSeconds(15), Duration.ofSeconds(1));
  }

  @Test
  void retriesWhatMayPassAndReturnsTheAnswer() throws Exception {
    ScriptedApi fake = new ScriptedApi();
    fake.script.add(down());
    ResilientPrometheus api = new ResilientPrometheus(fake, new ResilientPrometheus.Policy(3, Duration.ofMillis(1), 5, Duration.ofSeconds(30)));
    assertEquals(ONE, ask(api));
    assertEquals(2, fake.calls);
  }

  @Test
  void doesNotRetryAWrongQuery() {
    ScriptedApi fake = new ScriptedApi();
    fake.script.add(new PrometheusQueryException("BadResponse", "parse error", false));
    ResilientPrometheus api = new ResilientPrometheus(fake, new ResilientPrometheus.Policy(3, Duration.ofMillis(1), 5, Duration.ofSeconds(30)));
    assertThrows(PrometheusQueryException.class, () -> ask(api));
    assertEquals(1, fake.calls);
    assertEquals(CircuitBreaker.State.CLOSED, api.state(URL), "a wrong query says nothing about the server");
  }

  @Test
  void stopsAskingADeadServerButStillSaysWhyAndAsksAgainLater() throws Exception {
    ScriptedApi fake = new ScriptedApi();
    for (int i = 0; i < 3; i++) {
      fake.script.add(down());
    }
    // The open state is timed by a clock the test moves: however slow the machine, the circuit stays
    // open until the test says 200 ms have passed, and no longer.
    io.failwise.operator.ReplayClock clock = new io.failwise.operator.ReplayClock();
    clock.set(T);
    ResilientPrometheus api =
        new ResilientPrometheus(fake, new ResilientPrometheus.Policy(3, Duration.ofMillis(1), 3, Duration.ofMillis(200)), clock);
    assertThrows(PrometheusQueryException.class, () -> ask(api));
    assertEquals(CircuitBreaker.State.OPEN, api.state(URL));
    int callsWhenOpened = fake.calls;
    PrometheusQueryException fast = assertThrows(PrometheusQueryException.class, () -> ask(api));
    assertEquals(callsWhenOpened, fake.calls, "an open circuit must not call the server");
    assertEquals("Unreachable", fast.reason());
    assertTrue(fast.getMessage().contains("connection refused") && fast.getMessage().contains("circuit breaker open"), fast.getMessage());
    clock.set(T.plusMillis(199));
    assertThrows(PrometheusQueryException.class, () -> ask(api), "still open just before its 200 ms are up");
    assertEquals(callsWhenOpened, fake.calls);
    clock.set(T.plusMillis(300));
    assertEquals(ONE, ask(api));
    assertEquals(ONE, ask(api));
    assertEquals(CircuitBreaker.State.CLOSED, api.state(URL), "trial calls passed: the circuit closes");
  }
}
