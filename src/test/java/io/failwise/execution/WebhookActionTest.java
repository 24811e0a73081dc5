package io.failwise.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.ActionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookActionTest {
  private final WebhookServer server = new WebhookServer();
  private static final String TOKEN = "s3cret-token-value";
  /** The Secret failwise/provisioning-token; nothing else exists. */
  private static final SecretSource SECRETS =
      (ns, name, key) -> ns.equals("failwise") && name.equals("provisioning-token") && key.equals("token") ? Optional.of(TOKEN) : Optional.empty();

  // The test server and a port where nothing listens are listed explicitly: loopback is refused otherwise.
  private final WebhookAction action =
      new WebhookAction(Duration.ofMillis(5), Duration.ofMinutes(5),
          WebhookAllowList.parse(List.of(server.url() + "/hubs/", "http://127.0.0.1:1/"), Set.of(), WebhookAllowList.systemResolver()), SECRETS);

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

  @Test
  void aUrlOutsideTheAllowListIsRefusedBeforeAnythingIsSent() {
    ActionCall c = call("k");
    c.spec().webhook.url = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";
    assertTrue(action.refusal(c).orElseThrow().startsWith("http://169.254.169.254/latest/meta-data/iam/security-credentials/ is not in the webhook allow-list"));
    var e = assertThrows(ActionException.class, () -> action.apply(c));
    assertTrue(e.getMessage().startsWith("refused: "), e.getMessage());
    ActionCall other = call("k");
    other.spec().webhook.url = server.url() + "/admin/drop";
    assertThrows(ActionException.class, () -> action.apply(other), "the same server outside the listed path");
    assertEquals(List.of(), server.requests());
  }

  @Test
  void anUndoOutsideTheListRefusesTheWholeAction() {
    ActionCall c = call("k");
    c.spec().webhook.undo.url = "https://kubernetes.default.svc/api/v1/namespaces/kube-system/secrets";
    assertTrue(action.refusal(c).orElseThrow().contains("kubernetes.default.svc"), action.refusal(c).toString());
  }

  @Test
  void credentialsComeFromTheSecretAndAreNeverInAMessage() {
    ActionCall c = call("k");
    c.spec().webhook.authorization = new ActionSpec.Authorization();
    c.spec().webhook.authorization.secretName = "provisioning-token";
    server.answer(r -> 403);
    var e = assertThrows(ActionException.class, () -> action.apply(c));
    assertEquals("Bearer " + TOKEN, server.requests().get(0).authorization());
    assertTrue(!e.getMessage().contains(TOKEN), e.getMessage());
    c.spec().webhook.authorization.secretName = "missing";
    var missing = assertThrows(ActionException.class, () -> action.apply(c));
    assertEquals("Secret failwise/missing has no key token (webhook.authorization)", missing.getMessage());
  }

  @Test
  void aSecretOutsideTheOwnersListIsRefusedBeforeTheRunStartsAndNeverRead() {
    var allowed = io.failwise.model.security.SecretAllowList.parse(List.of("failwise/provisioning-token"));
    List<String> reads = new java.util.ArrayList<>();
    SecretSource guarded = new SecretSource() {
      @Override
      public Optional<String> read(String ns, String name, String key) {
        reads.add(ns + "/" + name);
        return SECRETS.read(ns, name, key);
      }

      @Override
      public Optional<String> refusal(String ns, String name) {
        return allowed.refusal(ns, name);
      }
    };
    WebhookAction guardedAction = new WebhookAction(Duration.ofMillis(5), Duration.ofMinutes(5),
        WebhookAllowList.parse(List.of(server.url() + "/hubs/"), Set.of(), WebhookAllowList.systemResolver()), guarded);
    ActionCall c = call("k");
    c.spec().webhook.authorization = new ActionSpec.Authorization();
    c.spec().webhook.authorization.secretName = "provisioning-token";
    assertEquals(Optional.empty(), guardedAction.refusal(c));
    c.spec().webhook.authorization.secretName = "cloud-admin-credentials";
    String why = guardedAction.refusal(c).orElseThrow();
    assertTrue(why.endsWith("takes its credentials from a Secret the controller may not read: Secret failwise/cloud-admin-credentials is not in"
        + " failwise.allow.secrets (allowed: failwise/provisioning-token); add it there and grant the controller get on it in manifests/actions/"), why);
    assertEquals(List.of(), reads, "admission reads no Secret");
  }

  @Test
  void aCredentialHeaderWrittenInThePlaybookIsRefused() {
    ActionCall c = call("k");
    c.spec().webhook.headers.put("Authorization", "Bearer pasted-into-git");
    String why = action.refusal(c).orElseThrow();
    assertTrue(why.contains("sets header Authorization in the playbook: credentials come from a Secret"), why);
    assertTrue(!why.contains("pasted-into-git"), why);
    assertThrows(ActionException.class, () -> action.apply(c));
    assertEquals(List.of(), server.requests());
  }

  @Test
  void aRedirectIsNotFollowed() {
    server.redirectTo("http://169.254.169.254/latest/meta-data/");
    var e = assertThrows(ActionException.class, () -> action.apply(call("k")));
    assertTrue(e.getMessage().contains("was refused: HTTP 302"), e.getMessage());
    assertEquals(1, server.requests().size(), "one request, to the listed host only");
  }
}
