package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A missing object and a create of an existing one are answered in kube-apiserver's words, which kubectl
 * prints: {@code failoverruns.failwise.io "nope" not found}, {@code configmaps "routing" already exists}.
 * fabric8's mock answered an empty 404 and a 409 "Invalid" naming no object (kubectl: {@code The
 * FailoverRun "" is invalid}).
 */
class ObjectStatusesIT extends OnEmbeddedServer {

  /** The Status the server answered, as a client reads it. */
  private static io.fabric8.kubernetes.api.model.Status answered(Runnable request) {
    return assertThrows(KubernetesClientException.class, request::run).getStatus();
  }

  /** A GET as kubectl sends it, and the Status it is answered with. */
  private static io.fabric8.kubernetes.api.model.Status raw(String path) {
    try {
      var response = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url().replaceAll("/$", "") + path)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      var status = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(response.body(), io.fabric8.kubernetes.api.model.Status.class);
      assertEquals(response.statusCode(), status.getCode(), response.body());
      return status;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The HTTP status of {@code method} on {@code path} with a JSON body. */
  private static int code(String method, String path, String body) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url().replaceAll("/$", "") + path))
        .header("Content-Type", "application/json").method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
    return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /**
   * A resource no CRD or built-in serves is not found, as on kube-apiserver: fabric8's mock answered a
   * misspelt plural with an empty list and stored an object posted there, which no client found again.
   */
  @Test
  void aResourceTheServerDoesNotServeIsNotFound() throws Exception {
    var status = raw("/apis/failwise.io/v1alpha1/namespaces/" + NS + "/clustres");
    assertEquals(404, status.getCode());
    assertEquals("the server could not find the requested resource", status.getMessage());
    String object = "{\"apiVersion\":\"failwise.io/v1alpha1\",\"kind\":\"Cluster\",\"metadata\":{\"name\":\"x\"}}";
    assertEquals(404, code("POST", "/apis/failwise.io/v1alpha1/namespaces/" + NS + "/clustres", object));
    assertEquals(404, code("GET", "/apis/widgets.example.com/v1/widgets", ""));
    assertEquals(404, code("GET", "/api/v1/namespaces/" + NS + "/replicationcontrollers", ""));
    // What is served still is.
    assertEquals(200, code("GET", "/apis/failwise.io/v1alpha1/namespaces/" + NS + "/clusters", ""));
    assertEquals(200, code("GET", "/apis/failwise.io/v1alpha1/regions", ""));
    assertEquals(200, code("GET", "/api/v1/namespaces/" + NS + "/configmaps", ""));
    assertEquals(200, code("GET", "/api/v1/namespaces", ""));
    assertEquals(200, code("GET", "/apis/apps/v1/namespaces/" + NS + "/deployments", ""));
  }

  @Test
  void aMissingObjectIsNotFoundByNameAsKubectlPrintsIt() {
    var status = raw("/apis/failwise.io/v1alpha1/namespaces/" + NS + "/failoverruns/nope");
    assertEquals(404, status.getCode());
    assertEquals("NotFound", status.getReason());
    assertEquals("failoverruns.failwise.io \"nope\" not found", status.getMessage());
    assertEquals("nope", status.getDetails().getName());
  }

  @Test
  void creatingAnObjectThatExistsIsAlreadyExistsNamingIt() {
    var routing = new ConfigMapBuilder().withNewMetadata().withName("routing").withNamespace(NS).endMetadata().addToData("k", "v").build();
    client.configMaps().inNamespace(NS).resource(routing).create();
    var status = answered(() -> client.configMaps().inNamespace(NS).resource(routing).create());
    assertEquals(409, status.getCode());
    assertEquals("AlreadyExists", status.getReason());
    assertEquals("configmaps \"routing\" already exists", status.getMessage());

    FailoverRun run = new FailoverRun();
    run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("drill").withNamespace(NS).build());
    run.setSpec(new FailoverRunSpec());
    run.getSpec().playbook = "quarterly-drill";
    run.getSpec().source = "go-eu-west-1";
    run.getSpec().mode = FailoverRunSpec.Mode.Drill;
    client.resources(FailoverRun.class).inNamespace(NS).resource(run).create();
    var again = answered(() -> client.resources(FailoverRun.class).inNamespace(NS).resource(run).create());
    assertEquals("failoverruns.failwise.io \"drill\" already exists", again.getMessage());
  }
  @Test
  void aListComesSortedByNamespaceAndNameAsKubectlShowsIt() {
    List<String> created = List.of("go-eu-west-2", "go-eu-north-1", "go-eu-west-1", "go-eu-north-2", "a-zone", "z-zone");
    for (String ns : List.of("zeta", "alpha")) {
      for (String name : created) {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().build())
            .create();
      }
    }
    List<String> listed = client.configMaps().inAnyNamespace().list().getItems().stream()
        .filter(c -> List.of("zeta", "alpha").contains(c.getMetadata().getNamespace()))
        .map(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()).toList();
    List<String> sorted = new java.util.ArrayList<>(listed);
    java.util.Collections.sort(sorted);
    assertEquals(sorted, listed);
    assertEquals(12, listed.size());
  }
}
