package io.failwise.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.ActionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookActionTest {
  private final WebhookServer server = new WebhookServer();
  private final WebhookAction action = new WebhookAction(Duration.ofMillis(5), Duration.ofMinutes(5));

  @AfterEach
  void stop() {
    server.close();
  }

  private ActionCall call(String key) {
    ActionSpec spec = new ActionSpec();
    spec.webhook = new ActionSpec.Webhook();
    spec.webhook.url = server.url() + "/hubs/{{source}}/failover";
    spec.webhook.body = "{\"target\": \"{{target}}\", \"percent\": {{targetPercent}}}";
    spec.webhook.attempts = 3;
    spec.webhook.undo = new ActionSpec.Request();
    spec.webhook.undo.url = server.url() + "/hubs/{{source}}/failback";
    return new ActionCall(
        "drill-q1", "failwise", "shift", "Shift", 1, key, spec, Map.of("source", "go-eu-west-1", "target", "go-eu-north-1", "targetPercent", "10"));
  }

  @Test
  void rendersTheTemplatesAndSendsTheIdempotencyKeyAndRun() {
    action.apply(call("uid-1/shift/2"));
    WebhookServer.Request r = server.requests().get(0);
    assertEquals("POST", r.method());
    assertEquals("/hubs/go-eu-west-1/failover", r.path());
    assertEquals("{\"target\": \"go-eu-north-1\", \"percent\": 10}", r.body());
    assertEquals("uid-1/shift/2", r.idempotencyKey());
    assertEquals("failwise/drill-q1", r.run());
  }

  @Test
  void retriesServerErrorsWithTheSameKeyUntilOneSucceeds() {
    AtomicInteger n = new AtomicInteger();
    server.answer(r -> n.incrementAndGet() < 3 ? 503 : 200);
    action.apply(call("uid-1/shift/1"));
    assertEquals(3, server.requests().size());
    assertEquals(List.of("uid-1/shift/1"), server.requests().stream().map(WebhookServer.Request::idempotencyKey).distinct().toList());
    assertEquals(1, server.effects().size());
  }

  @Test
  void aClientErrorIsNotRetriedAndSaysWhatTheServerAnswered() {
    server.answer(r -> 400);
    var e = assertThrows(ActionException.class, () -> action.apply(call("k")));
    assertEquals(1, server.requests().size());
    assertTrue(e.getMessage().contains("was refused: HTTP 400"), e.getMessage());
  }

  @Test
  void givesUpAfterItsAttemptsWithTheLastError() {
    server.answer(r -> 500);
    var e = assertThrows(ActionException.class, () -> action.apply(call("k")));
    assertEquals(3, server.requests().size());
    assertTrue(e.getMessage().startsWith("POST " + server.url() + "/hubs/go-eu-west-1/failover failed after 3 attempts: HTTP 500"), e.getMessage());
  }

  @Test
  void theCircuitBreakerStopsCallingAHostThatKeepsFailing() {
    server.answer(r -> 500);
    for (int i = 0; i < 2; i++) {
      assertThrows(ActionException.class, () -> action.apply(call("k")));
    }
    int sent = server.requests().size();
    var e = assertThrows(ActionException.class, () -> action.apply(call("k")));
    assertTrue(e.getMessage().contains("circuit breaker"), e.getMessage());
    assertEquals(sent, server.requests().size(), "nothing more was sent while the breaker is open");
  }

  @Test
  void undoSendsTheUndoRequestWithItsOwnKey() {
    action.undo(call("uid-1/shift/undo"), List.of());
    assertEquals("/hubs/go-eu-west-1/failback", server.requests().get(0).path());
    assertEquals("uid-1/shift/undo", server.requests().get(0).idempotencyKey());
  }

  @Test
  void anUnreachableHostIsRetriedThenReported() {
    ActionCall c = call("k");
    c.spec().webhook.url = "http://127.0.0.1:1/nothing-listens-here";
    var e = assertThrows(ActionException.class, () -> action.apply(c));
    assertTrue(e.getMessage().contains("failed after 3 attempts"), e.getMessage());
  }
}
