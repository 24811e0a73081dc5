package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every request gets an answer at once, whatever its body: none leaves the client waiting. */
class RequestBodiesIT {
  private static EmbeddedApiServer server;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start(0);
    server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType)
        .header("Accept", "application/vnd.kubernetes.protobuf,application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aProtobufConfigMapAsKubectlCreateSendsItIsCreated() throws Exception {
    var response = post("/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create&fieldValidation=Strict",
        "application/vnd.kubernetes.protobuf", ProtobufBodiesTest.bytes(ProtobufBodiesTest.CONFIG_MAP));
    assertEquals(201, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""), "the client sent protobuf: the answer says it is JSON");
    assertEquals(java.util.Map.of("a", "b", "mode", "drill"), server.client().configMaps().inNamespace("default").withName("x").get().getData());
  }

  @Test
  void aProtobufBodyOfAKindItCannotDecodeIs415NamingTheKindAndTheWayAround() throws Exception {
    var response = post("/api/v1/namespaces/default/serviceaccounts", "application/vnd.kubernetes.protobuf",
        ProtobufBodiesTest.bytes(ProtobufBodiesTest.SERVICE_ACCOUNT));
    assertEquals(415, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"reason\":\"UnsupportedMediaType\"") && response.body().contains("\"kind\":\"Status\""), response.body());
    assertTrue(response.body().contains("not of ServiceAccount (v1)") && response.body().contains("kubectl apply -f"), response.body());
    assertEquals(null, server.client().serviceAccounts().inNamespace("default").withName("sa1").get(), "nothing stored");
  }

  @Test
  void aBodyInAFormatItDoesNotReadIs415NamingIt() throws Exception {
    var response = post("/api/v1/namespaces/default/configmaps", "application/cbor", new byte[] {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7, 0});
    assertEquals(415, response.statusCode(), response.body());
    assertTrue(response.body().contains("does not decode application/cbor"), response.body());
  }

  @Test
  void aBodyTheDispatcherFailsOnIs500NotASilence() throws Exception {
    // A NUL in a JSON body: SnakeYAML, which parses it, throws; the server used to send nothing at all.
    var response = post("/api/v1/namespaces/default/configmaps", "application/json", new byte[] {'{', 0, '}'});
    assertEquals(500, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"reason\":\"InternalError\"") && response.body().contains("\"code\":500"), response.body());
    var after = post("/api/v1/namespaces/default/configmaps", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"after\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(201, after.statusCode(), "the server serves on: " + after.body());
  }
}
