package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.testing.LineQueue;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A watch streamed over plain HTTP, as kubectl asks for it ({@code kubectl get -w}, and the wait of
 * {@code kubectl delete}): before, the embedded server answered 400, as it serves watches to WebSockets
 * only. Now a line per event, from the version the client listed: nothing it already has.
 */
@Timeout(120)
class StreamedWatchIT {
  private static final String NS = "streamed";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start(0);
    server.installCrds();
    server.applyDirectory(Path.of("manifests/samples"));
    client = server.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void create(String name, String value) {
    client.configMaps().inNamespace(NS).resource(
        new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("v", value).build()).create();
  }

  /** Opens a streamed watch and hands each line to a queue, as a client reading the stream would. */
  private static BlockingQueue<String> watch(String query) throws Exception {
    return watch("/api/v1/namespaces/" + NS + "/configmaps?watch=true" + query, "application/json");
  }

  private static BlockingQueue<String> watch(String pathAndQuery, String accept) throws Exception {
    HttpResponse<InputStream> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode(), "a streamed watch is served, not refused");
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    return LineQueue.of(response.body(), "streamed-watch-reader", () -> "END");
  }

  private static String next(BlockingQueue<String> lines) throws Exception {
    String line = lines.poll(30, TimeUnit.SECONDS);
    assertNotNull(line, "an event within 30 s");
    return line;
  }

  private static String event(String line) throws Exception {
    JsonNode read = Serialization.jsonMapper().readTree(line);
    return read.path("type").asText() + " " + read.path("object").path("metadata").path("name").asText() + " "
        + read.path("object").path("data").path("v").asText();
  }

  @Test
  void aWatchFromTheListedVersionStreamsWhatChangesAndNothingTheClientHas() throws Exception {
    create("listed", "1");
    String listed = client.configMaps().inNamespace(NS).list().getMetadata().getResourceVersion();
    BlockingQueue<String> lines = watch("&resourceVersion=" + listed);

    create("new", "1");
    client.configMaps().inNamespace(NS).withName("listed").edit(c -> {
      c.getData().put("v", "2");
      return c;
    });
    client.configMaps().inNamespace(NS).withName("new").delete();

    // fabric8 opened every watch with ADDED for each stored object: "listed" would come first, and
    // kubectl printed its row twice. It is the client's already; what follows the list is what it sees.
    assertEquals("ADDED new 1", event(next(lines)));
    assertEquals("MODIFIED listed 2", event(next(lines)));
    assertEquals("DELETED new 1", event(next(lines)));
  }

  @Test
  void aWatchFromNoVersionStartsWithEverythingThereAsKubeApiserverDoes() throws Exception {
    create("present", "1");
    BlockingQueue<String> lines = watch("&fieldSelector=metadata.name%3Dpresent");
    assertEquals("ADDED present 1", event(next(lines)));
  }

  @Test
  void aWatchEndsWhenItsTimeoutPasses() throws Exception {
    BlockingQueue<String> lines = watch("&fieldSelector=metadata.name%3Dnothing&timeoutSeconds=1");
    assertTrue(next(lines).startsWith("END"), "the stream ends, as kube-apiserver ends it after timeoutSeconds");
  }

  @Test
  void kubectlAskingForTablesGetsTheHeaderOnceThenARowPerEvent() throws Exception {
    // kubectl get fwclusters -w asks for Tables; given plain objects it printed NAME and AGE only.
    BlockingQueue<String> lines = watch("/apis/failwise.io/v1alpha1/namespaces/failwise/clusters?watch=true",
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) { // the four sample clusters, there before the watch began
      events.add(Serialization.jsonMapper().readTree(next(lines)));
    }
    JsonNode first = events.get(0).path("object");
    assertEquals("Table", first.path("kind").asText());
    List<String> columns = new ArrayList<>();
    first.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
    assertEquals("Name", columns.get(0));
    assertTrue(columns.contains("Health") && columns.contains("Region"), "the CRD's printer columns: " + columns);
    List<String> names = new ArrayList<>();
    for (JsonNode e : events) {
      assertEquals("ADDED", e.path("type").asText());
      names.add(e.path("object").path("rows").get(0).path("cells").get(0).asText());
    }
    assertTrue(events.subList(1, 4).stream().noneMatch(e -> e.path("object").has("columnDefinitions")), "the header once");
    assertEquals(List.of("go-eu-north-1", "go-eu-north-2", "go-eu-west-1", "go-eu-west-2"), names.stream().sorted().toList());
  }
}
