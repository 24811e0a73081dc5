package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.execution.WebhookAllowList;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every runtime command builds the webhook allow-list at start (even --help); only the controller, as it
 * starts, says that the API server's host does not resolve. The check itself is the same either way.
 */
class AllowListProducerTest {
  private static final WebhookAllowList.Resolver RESOLVER = host -> {
    if (host.equals("10.96.0.1") || host.equals("hooks.example.com")) {
      return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 96, 0, 1})};
    }
    throw new UnknownHostException(host);
  };

  @Test
  void buildingTheAllowListSaysNothingTheControllerStartSaysItOnce() {
    List<String> warnings = new ArrayList<>();
    AllowListProducer producer =
        new AllowListProducer(() -> AllowListProducer.hosts("kubernetes.default.svc", "10.96.0.1"), RESOLVER, warnings::add);
    WebhookAllowList list = producer.webhooks(List.of("https://hooks.example.com/"));
    assertEquals(List.of(), warnings, "an offline command or --help builds the list and prints nothing");

    // A listed host that resolves to the API server's address that did resolve is still refused.
    String refusal = list.refusal("https://hooks.example.com/x", true).orElseThrow();
    assertTrue(refusal.contains("the Kubernetes API server"), refusal);

    producer.warnAtControllerStart();
    producer.warnAtControllerStart();
    assertEquals(
        List.of("The API server's host kubernetes.default.svc does not resolve; webhooks to it are refused only by the allow-list"), warnings);
  }

  @Test
  void aResolvingApiServerGivesNoWarning() {
    List<String> warnings = new ArrayList<>();
    AllowListProducer producer = new AllowListProducer(() -> AllowListProducer.hosts("10.96.0.1", null), RESOLVER, warnings::add);
    producer.warnAtControllerStart();
    assertEquals(List.of(), warnings);
  }
}
