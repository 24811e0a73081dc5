package io.failwise.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookAllowListTest {
  /** A DNS of the test's own: names resolve to what the test says, nothing else resolves. */
  private static final Map<String, String> DNS =
      Map.of("provisioning.example.com", "203.0.113.10", "evil.example.com", "169.254.169.254", "api.example.com", "10.0.0.1",
          "localhost", "127.0.0.1", "rebound.example.com", "127.0.0.1", "v6.example.com", "fe80::1");

  private static WebhookAllowList list(String... prefixes) throws UnknownHostException {
    return WebhookAllowList.parse(List.of(prefixes), Set.of(InetAddress.getByName("10.0.0.1")), host -> {
      String ip = DNS.get(host);
      if (ip == null) {
        if (host.matches("[0-9.]+|.*:.*")) {
          return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getByName(ip)};
    });
  }

  @Test
  void theMetadataEndpointIsRefusedAndSaysWhatIsListed() throws Exception {
    String why = list("https://provisioning.example.com/v1/").refusal("http://169.254.169.254/latest/meta-data/", false).orElseThrow();
    assertEquals(
        "http://169.254.169.254/latest/meta-data/ is not in the webhook allow-list: it matches no prefix of failwise.allow.webhooks"
            + " (https://provisioning.example.com/v1/)",
        why);
  }

  @Test
  void anAllowedHostNameThatResolvesToAForbiddenAddressIsRefused() throws Exception {
    assertTrue(list("https://evil.example.com/").refusal("https://evil.example.com/x", false).orElseThrow()
        .contains("resolves to 169.254.169.254, a link-local address"));
    assertTrue(list("https://rebound.example.com/").refusal("https://rebound.example.com/", false).orElseThrow()
        .contains("a loopback address"));
    assertTrue(list("https://api.example.com/").refusal("https://api.example.com/api/v1/secrets", false).orElseThrow()
        .contains("the Kubernetes API server"));
    assertTrue(list("https://v6.example.com/").refusal("https://v6.example.com/", false).orElseThrow().contains("link-local"));
  }

  @Test
  void anAddressListedItselfIsAllowed() throws Exception {
    assertEquals(Optional.empty(), list("http://127.0.0.1:8765/").refusal("http://127.0.0.1:8765/hooks/a", true));
    assertEquals(Optional.empty(), list("https://localhost:9443/").refusal("https://localhost:9443/x", true));
    assertEquals(Optional.empty(), list("https://10.0.0.1/healthz").refusal("https://10.0.0.1/healthz", true));
  }

  @Test
  void httpsByDefaultAndPortsAndPathsMatchExactly() throws Exception {
    WebhookAllowList l = list("https://provisioning.example.com/v1/");
    assertEquals(Optional.empty(), l.refusal("https://provisioning.example.com/v1/reassignments", true));
    assertEquals(Optional.empty(), l.refusal("https://PROVISIONING.example.com:443/v1/x", true));
    assertTrue(l.refusal("http://provisioning.example.com/v1/reassignments", true).orElseThrow()
        .endsWith("webhooks use HTTPS unless a prefix names http:// explicitly"));
    assertTrue(l.refusal("https://provisioning.example.com:8443/v1/x", true).isPresent(), "another port");
    assertTrue(l.refusal("https://provisioning.example.com/v2/x", true).isPresent(), "another path");
    assertTrue(l.refusal("https://provisioning.example.com.evil.example.com/v1/x", true).isPresent(), "a longer host");
    assertTrue(l.refusal("https://provisioning.example.com/v1/../admin", true).isPresent(), "climbing out of the prefix");
    assertTrue(l.refusal("https://provisioning.example.com/v1/%2e%2e/admin", true).isPresent(), "an encoded climb");
    WebhookAllowList exact = list("https://provisioning.example.com/v1");
    assertEquals(Optional.empty(), exact.refusal("https://provisioning.example.com/v1/x", true));
    assertTrue(exact.refusal("https://provisioning.example.com/v1x", true).isPresent(), "a prefix ends at a path segment");
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutRepeatingThem() throws Exception {
    String why = list("https://provisioning.example.com/").refusal("https://user:s3cret@provisioning.example.com/v1", true).orElseThrow();
    assertTrue(why.contains("carries credentials in the URL"), why);
    assertTrue(!why.contains("s3cret"), why);
  }

  @Test
  void aHostThatDoesNotResolveWaitsForTheSendingCheck() throws Exception {
    WebhookAllowList l = list("https://nowhere.example.com/");
    assertEquals(Optional.empty(), l.refusal("https://nowhere.example.com/x", false), "admission lets a DNS failure pass");
    assertEquals("https://nowhere.example.com/x: host nowhere.example.com does not resolve", l.refusal("https://nowhere.example.com/x", true).orElseThrow());
  }

  @Test
  void anEmptyListRefusesEveryUrlAndABadPrefixStopsTheStart() throws Exception {
    assertTrue(list().refusal("https://provisioning.example.com/", true).orElseThrow().endsWith("no prefix is listed in failwise.allow.webhooks"));
    var e = assertThrows(IllegalArgumentException.class, () -> list("ftp://x/"));
    assertTrue(e.getMessage().startsWith("failwise.allow.webhooks: 'ftp://x/' must be a URL prefix"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> list("https://x/?q=1"));
  }
}
