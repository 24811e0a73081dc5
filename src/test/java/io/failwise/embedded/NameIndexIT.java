package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The embedded server finds one object through its name index and must answer exactly as fabric8's
 * pass over every object does: the same seeded mix of creates, reads, edits, replaces and deletes,
 * with one name shared by namespaces, ConfigMaps and Secrets in two namespaces, goes to both servers
 * and every answer and the final contents are compared.
 */
class NameIndexIT {
  private static final List<String> NAMESPACES = List.of("a", "b");
  /** "a" and "b" are also the namespaces' own names: one name, several kinds and scopes. */
  private static final List<String> NAMES = List.of("a", "b", "x", "y");

  @Test
  void answersAsAFullPassWouldForASeededMixOfWrites() {
    MockWebServer http = new MockWebServer();
    KubernetesMockServer reference = new KubernetesMockServer(new Context(), http, new HashMap<>(), new KubernetesCrudDispatcher(), false);
    reference.init(InetAddress.getLoopbackAddress(), 0);
    try (EmbeddedApiServer indexed = EmbeddedApiServer.start(0); KubernetesClient plain = reference.createClient()) {
      List<String> expected = play(plain, 7);
      List<String> actual = play(indexed.client(), 7);
      assertTrue(expected.stream().anyMatch(s -> s.contains("409")), "the mix includes creates of existing objects");
      assertTrue(expected.stream().anyMatch(s -> s.startsWith("get") && s.endsWith("null")), "and reads of missing ones");
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i), actual.get(i), "answer " + i + " (earlier answers agreed)");
      }
      assertEquals(contents(plain), contents(indexed.client()), "what each server holds at the end");
      assertEquals(count(indexed.client()), indexed.indexedObjects(), "the index holds every stored object and was never dropped");
    } finally {
      reference.destroy();
    }
  }

  @Test
  void findsOneOfThousandsByNameAfterItsLabelsChange() {
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      var client = server.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("n").endMetadata().build()).create();
      for (int i = 0; i < 2_000; i++) {
        client.configMaps().inNamespace("n").resource(new ConfigMapBuilder().withNewMetadata().withName("c" + i).endMetadata().build()).create();
      }
      // A label change changes the store's key: the index must follow it.
      client.configMaps().inNamespace("n").withName("c1234").edit(c -> new ConfigMapBuilder(c).editMetadata().addToLabels("l", "v").endMetadata().addToData("k", "v").build());
      assertEquals("v", client.configMaps().inNamespace("n").withName("c1234").get().getData().get("k"));
      assertEquals(1, client.configMaps().inNamespace("n").withLabel("l", "v").list().getItems().size());
      client.configMaps().inNamespace("n").withName("c1234").delete();
      assertEquals(null, client.configMaps().inNamespace("n").withName("c1234").get());
      assertEquals(2_000, server.indexedObjects(), "1,999 ConfigMaps and the namespace");
    }
  }

  private static List<String> play(KubernetesClient client, long seed) {
    Random random = new Random(seed);
    List<String> answers = new ArrayList<>();
    for (String ns : NAMESPACES) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    for (int i = 0; i < 400; i++) {
      String ns = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
      String name = NAMES.get(random.nextInt(NAMES.size()));
      boolean secret = random.nextInt(3) == 0;
      String v = String.valueOf(i);
      var cms = client.configMaps().inNamespace(ns);
      var secrets = client.secrets().inNamespace(ns);
      String op = List.of("create", "create", "get", "edit", "update", "delete", "namespace").get(random.nextInt(7));
      String what = op + " " + (secret ? "secret " : "configmap ") + ns + "/" + name + ": ";
      answers.add(what + switch (op) {
        case "create" -> answer(() -> secret
            ? secrets.resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata().addToStringData("v", v).build()).create().getData()
            : cms.resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("v", v).build()).create().getData());
        case "get" -> answer(() -> secret
            ? data(secrets.withName(name).get())
            : data(cms.withName(name).get()));
        case "edit" -> answer(() -> secret
            ? secrets.withName(name).edit(s -> new SecretBuilder(s).addToData("e", "ZQ==").build()).getData()
            : cms.withName(name).edit(c -> new ConfigMapBuilder(c).addToData("e", v).build()).getData());
        case "update" -> answer(() -> cms.resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("u", v).build()).update().getData());
        case "delete" -> answer(() -> secret ? secrets.withName(name).delete().size() : cms.withName(name).delete().size());
        default -> answer(() -> client.namespaces().withName(ns).edit(n -> new NamespaceBuilder(n).editMetadata().addToLabels("seen", v).endMetadata().build())
            .getMetadata().getLabels());
      });
    }
    return answers;
  }

  private static String answer(Supplier<Object> call) {
    try {
      Object r = call.get();
      return String.valueOf(r instanceof Map<?, ?> m ? new TreeMap<>(m) : r);
    } catch (KubernetesClientException e) {
      return "error " + e.getCode();
    }
  }

  private static Object data(HasMetadata o) {
    if (o == null) {
      return null;
    }
    return o instanceof io.fabric8.kubernetes.api.model.ConfigMap c ? c.getData() : ((io.fabric8.kubernetes.api.model.Secret) o).getData();
  }

  private static Map<String, Object> contents(KubernetesClient client) {
    Map<String, Object> all = new TreeMap<>();
    client.namespaces().list().getItems().forEach(n -> all.put("namespace " + n.getMetadata().getName(), new TreeMap<>(n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels())));
    client.configMaps().inAnyNamespace().list().getItems()
        .forEach(c -> all.put("configmap " + c.getMetadata().getNamespace() + "/" + c.getMetadata().getName(), sorted(c.getData())));
    client.secrets().inAnyNamespace().list().getItems()
        .forEach(s -> all.put("secret " + s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), sorted(s.getData())));
    return all;
  }

  private static Map<String, String> sorted(Map<String, String> data) {
    return data == null ? Map.of() : new TreeMap<>(data);
  }

  private static int count(KubernetesClient client) {
    return client.namespaces().list().getItems().size()
        + client.configMaps().inAnyNamespace().list().getItems().size()
        + client.secrets().inAnyNamespace().list().getItems().size();
  }
}
