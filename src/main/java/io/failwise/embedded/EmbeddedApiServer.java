package io.failwise.embedded;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * An in-process Kubernetes API server: fabric8's mock server in CRUD mode, with discovery so that
 * kubectl works. It keeps objects in memory only. Like kube-apiserver it checks Failwise objects against
 * their CRDs' schemas and CEL rules, refuses stale writes and applies merge patches by RFC 7386
 * ({@link DiscoveryCrudDispatcher}); server-side apply merges without field ownership; it serves no
 * OpenAPI v2 document and refuses set-based label selectors ({@link Selectors}; README, "The embedded API server").
 */
public final class EmbeddedApiServer implements AutoCloseable {
  /** Where the generated CRDs are packaged in the jar (copied from manifests/crds by the build). */
  public static final String CRD_RESOURCE_DIR = "failwise/crds/";
  public static final List<String> CRD_FILES =
      List.of(
          "regions.failwise.io-v1.yml",
          "clusters.failwise.io-v1.yml",
          "failoverpolicies.failwise.io-v1.yml",
          "failoverplaybooks.failwise.io-v1.yml",
          "failoverruns.failwise.io-v1.yml",
          "failoverapprovals.failwise.io-v1.yml");

  private final KubernetesMockServer server;
  private final MockWebServer http;
  private final IndexedCrudDispatcher store;
  private final KubernetesClient client;

  private EmbeddedApiServer(KubernetesMockServer server, MockWebServer http, IndexedCrudDispatcher store) {
    this.server = server;
    this.http = http;
    this.store = store;
    this.client = server.createClient();
  }

  /** Starts on 127.0.0.1; port 0 picks a free one. */
  public static EmbeddedApiServer start(int port) {
    DiscoveryCrudDispatcher crud = new DiscoveryCrudDispatcher();
    MockWebServer http = new EmbeddedHttpServer(crud::watchEvents);
    KubernetesMockServer server = new KubernetesMockServer(new Context(), http, new HashMap<>(), crud, false);
    // After the mock server set its dispatcher: it keeps the CRUD one for its own checks.
    http.setDispatcher(new AnsweringDispatcher(crud));
    server.init(InetAddress.getLoopbackAddress(), port);
    return new EmbeddedApiServer(server, http, crud);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** The number of served requests still held in memory: at most those in flight (for tests). */
  int retainedRequests() throws InterruptedException {
    int held = 0;
    while (http.takeRequest(0, java.util.concurrent.TimeUnit.NANOSECONDS) != null) {
      held++;
    }
    return held;
  }

  /** Objects the store finds by name without a pass over all of them; -1 once that index was dropped (for tests). */
  int indexedObjects() {
    return store.indexed();
  }

  /** A client of this server, owned by it: do not close. */
  public KubernetesClient client() {
    return client;
  }

  /** Installs the Failwise CRDs packaged in the jar. */
  public void installCrds() {
    for (String file : CRD_FILES) {
      try (InputStream in = resource(CRD_RESOURCE_DIR + file)) {
        client.load(in).items().forEach(crd -> client.resource(crd).create());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Creates the namespace if needed, then every object in the YAML files of {@code dir}. */
  public List<HasMetadata> applyDirectory(Path dir) {
    List<HasMetadata> created = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          created.addAll(apply(in));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return created;
  }

  public List<HasMetadata> apply(InputStream yaml) {
    List<HasMetadata> created = new ArrayList<>();
    for (HasMetadata item : client.load(yaml).items()) {
      String ns = item.getMetadata().getNamespace();
      if (ns != null && client.namespaces().withName(ns).get() == null) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      }
      created.add(client.resource(item).create());
    }
    return created;
  }

  /** A kubeconfig that points kubectl (or {@code failwise get}) at this server. */
  public String kubeconfig(String namespace) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: failwise-embedded
          cluster:
            server: %s
        contexts:
        - name: failwise-embedded
          context:
            cluster: failwise-embedded
            namespace: %s
            user: failwise
        current-context: failwise-embedded
        users:
        - name: failwise
          user:
            token: embedded
        """
        .formatted(url(), namespace);
  }

  public Path writeKubeconfig(Path file, String namespace) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, kubeconfig(namespace), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kubeconfig to " + file + ": " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
    if (in == null) {
      in = EmbeddedApiServer.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      throw new IllegalStateException("The jar lacks " + name + ": rebuild with mvn package");
    }
    return in;
  }

  /** Closes the client and the server, once: a second close (Quarkus's shutdown, then the JVM's hook) does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // destroying it again threw RejectedExecutionException from its stopped event loop at exit
    }
    client.close();
    server.destroy();
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
}
