package io.failwise.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.failwise.execution.SecretSource;
import io.failwise.execution.WebhookAllowList;
import io.failwise.model.security.SecretAllowList;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications against a local incoming-webhook server: retried after a 500 with backoff, not after
 * a 404, refused outside the webhook allow-list, and the URL (a credential) in no log line.
 */
class NotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Notice DECISION = new Notice(Notice.Kind.DECISION, "FailoverPolicy failwise/eu-shadow",
      "Policy failwise/eu-shadow decided HOLD for go-eu-west-1 (Recorded)", "Hold: failing over would disrupt 180,000 devices & more.",
      "failwise decisions eu-shadow -n failwise", Instant.parse("2026-03-12T20:53:00Z"));

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private volatile IntSupplier answer = () -> 200;
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private String url;
  /** The Secret failwise-system/oncall-webhook holds the URL; failwise.allow.secrets lists it. */
  private SecretSource secrets;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/services/", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(answer.getAsInt(), -1);
      exchange.close();
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0001/B0002/xoxb-very-secret-token";
    SecretAllowList allowedSecrets = SecretAllowList.parse(List.of("failwise-system/oncall-webhook"));
    secrets = new SecretSource() {
      @Override
      public Optional<String> read(String namespace, String name, String key) {
        allowedSecrets.refusal(namespace, name).ifPresent(why -> {
          throw new io.failwise.execution.ActionException(why);
        });
        return "url".equals(key) ? Optional.of(url + "\n") : Optional.empty();
      }
    };
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Notifier notifier(String channels, String allowedPrefix) {
    WebhookAllowList allowed = WebhookAllowList.parse(allowedPrefix == null ? List.of() : List.of(allowedPrefix), Set.of(),
        WebhookAllowList.systemResolver());
    return new Notifier(NotifyChannel.parse(List.of(channels.split(","))), secrets, allowed, 4, Duration.ofMillis(5), Duration.ofSeconds(10),
        logged::add);
  }

  private List<Notifier.Delivery> send(Notifier n, Notice notice) throws Exception {
    return n.post(notice).get(60, TimeUnit.SECONDS);
  }

  private void assertNoUrlAnywhere(List<Notifier.Delivery> deliveries) {
    for (String s : logged) {
      assertFalse(s.contains("xoxb") || s.contains("/services/") || s.contains(String.valueOf(server.getAddress().getPort())), s);
    }
    deliveries.forEach(d -> assertFalse(d.toString().contains("xoxb"), d.toString()));
  }

  @Test
  void aSlackPostIsRetriedAfterA500AndDeliveredOnce() throws Exception {
    int[] calls = {0};
    answer = () -> ++calls[0] == 1 ? 500 : 200;
    Notifier n = notifier("slack failwise-system/oncall-webhook", "http://127.0.0.1:" + server.getAddress().getPort() + "/services/");
    List<Notifier.Delivery> d = send(n, DECISION);
    assertEquals(List.of(new Notifier.Delivery("failwise-system/oncall-webhook", Notice.Kind.DECISION, true, 2, "HTTP 2xx")), d);
    assertEquals(2, bodies.size(), "the 500, then the retry");
    JsonNode body = JSON.readTree(bodies.get(1));
    assertEquals("*Policy failwise/eu-shadow decided HOLD for go-eu-west-1 (Recorded)*\nHold: failing over would disrupt 180,000 devices &amp; more."
        + "\n`failwise decisions eu-shadow -n failwise`", body.path("text").asText());
    assertEquals(List.of(), logged, "a delivered notice logs nothing");
    n.close();
  }

  @Test
  void aChannelThatKeepsFailingGivesUpAfterItsAttemptsAndLogsTheSecretNotTheUrl() throws Exception {
    answer = () -> 503;
    Notifier n = notifier("json failwise-system/oncall-webhook", "http://127.0.0.1:" + server.getAddress().getPort() + "/services/");
    List<Notifier.Delivery> d = send(n, DECISION);
    assertEquals(4, bodies.size());
    assertFalse(d.get(0).delivered());
    assertEquals(List.of("Notification (decisions, FailoverPolicy failwise/eu-shadow) to the channel in Secret failwise-system/oncall-webhook"
        + " not delivered after 4 attempts: HTTP 503"), logged);
    JsonNode body = JSON.readTree(bodies.get(0));
    assertEquals("decisions", body.path("kind").asText());
    assertEquals("FailoverPolicy failwise/eu-shadow", body.path("resource").asText());
    assertEquals("2026-03-12T20:53:00Z", body.path("time").asText());
    assertNoUrlAnywhere(d);
    n.close();
  }

  @Test
  void a404IsNotRetriedAndAClosedPortIsRetriedWithoutNamingTheHost() throws Exception {
    answer = () -> 404;
    Notifier n = notifier("slack failwise-system/oncall-webhook", "http://127.0.0.1:" + server.getAddress().getPort() + "/services/");
    List<Notifier.Delivery> d = send(n, DECISION);
    assertEquals(1, bodies.size());
    assertEquals(1, d.get(0).attempts());
    assertTrue(logged.get(0).endsWith("not delivered after 1 attempt: HTTP 404"), logged.get(0));
    server.stop(0); // nothing listens there now
    logged.clear();
    List<Notifier.Delivery> refused = send(n, DECISION);
    assertEquals(4, refused.get(0).attempts());
    assertTrue(logged.get(0).endsWith("not delivered after 4 attempts: ConnectException"), logged.get(0));
    assertNoUrlAnywhere(refused);
    n.close();
  }

  @Test
  void aUrlOutsideTheWebhookAllowListOrASecretOutsideItsListIsNeverCalled() throws Exception {
    Notifier n = notifier("slack failwise-system/oncall-webhook", "https://hooks.slack.com/services/");
    List<Notifier.Delivery> d = send(n, DECISION);
    assertEquals(List.of(), bodies);
    assertEquals(List.of("Notification (decisions, FailoverPolicy failwise/eu-shadow) to the channel in Secret failwise-system/oncall-webhook not"
        + " delivered after 0 attempts: the URL in Secret failwise-system/oncall-webhook (key url) is not in failwise.allow.webhooks (or resolves"
        + " to an address it refuses)"), logged);
    Notifier other = notifier("slack kube-system/admin-token", "http://127.0.0.1:" + server.getAddress().getPort() + "/services/");
    logged.clear();
    send(other, DECISION);
    assertEquals(List.of(), bodies);
    assertTrue(logged.get(0).contains("Secret kube-system/admin-token is not in failwise.allow.secrets"), logged.get(0));
    assertNoUrlAnywhere(d);
    n.close();
    other.close();
  }

  @Test
  void aChannelGetsOnlyTheEventsItSubscribedTo() throws Exception {
    Notifier n = notifier("slack failwise-system/oncall-webhook approvals rollbacks", "http://127.0.0.1:" + server.getAddress().getPort() + "/services/");
    assertEquals(List.of(), send(n, DECISION));
    Notice approval = new Notice(Notice.Kind.APPROVAL_AWAITED, "FailoverRun failwise/incident", "Failover incident of go-eu-west-1 waits",
        "Waiting for approval of step approve.", "failwise approve incident -n failwise", Instant.EPOCH);
    assertTrue(send(n, approval).get(0).delivered());
    assertEquals(1, bodies.size());
    n.close();
  }

  @Test
  void aBadChannelSettingNamesTheSettingTheEntryAndWhatIsValid() {
    for (String bad : List.of("teams failwise-system/x", "slack", "slack failwise-system", "slack failwise-system/x everything", "slack ns/X")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NotifyChannel.parse(List.of(bad)), bad);
      assertTrue(e.getMessage().startsWith("failwise.notifications.channels: '" + bad + "' "), e.getMessage());
      assertTrue(e.getMessage().contains("FORMAT NAMESPACE/SECRET[:KEY] [EVENT...]"), e.getMessage());
    }
    NotifyChannel c = NotifyChannel.parse(List.of(" json failwise-system/bot:webhook-url stop-conditions ")).get(0);
    assertEquals("webhook-url", c.key());
    assertEquals(Set.of(Notice.Kind.STOP_CONDITION), c.kinds());
  }
}
