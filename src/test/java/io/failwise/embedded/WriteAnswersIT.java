package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.failwise.api.Cluster;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A write is stored and answered as kube-apiserver does: the answer is the object as stored (200 for a
 * patch, pruned and defaulted), the generation moves only with a change outside metadata and status, and a
 * write that changes nothing stores nothing. An outside pass saw a patch that only added an unknown field
 * answered 202 with the field in it, and the Cluster's generation moved, so the controller reconciled a
 * spec that had not changed.
 */
class WriteAnswersIT extends OnSamplesServer {
  private static final String NS = "failwise";

  private static Cluster cluster(String name) {
    return server.client().resources(Cluster.class).inNamespace(NS).withName(name).get();
  }

  @Test
  void aPatchOfAnUnknownFieldIsAnsweredWithTheStoredObjectAndMovesNothing() throws Exception {
    Cluster before = cluster("go-eu-west-2");
    String patched = kubectl.run("patch", "cluster", "go-eu-west-2", "-n", NS, "--type", "merge", "-p", "{\"spec\":{\"bogus\":1}}", "-o",
        "jsonpath={.metadata.generation} {.metadata.resourceVersion} {.spec.bogus}|");
    assertTrue(patched.contains("unknown field \"spec.bogus\""), "kubectl warns of the field: " + patched);
    assertTrue(patched.contains(before.getMetadata().getGeneration() + " " + before.getMetadata().getResourceVersion() + " |"),
        "the answer is the stored object, without the field, at the same generation and version: " + patched);
    Cluster after = cluster("go-eu-west-2");
    assertEquals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration());
    assertEquals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(), "nothing was stored");
  }

  @Test
  void theGenerationMovesWithTheSpecNotWithLabels() throws Exception {
    Cluster before = cluster("go-eu-north-2");
    long generation = before.getMetadata().getGeneration();
    kubectl.run("label", "cluster", "go-eu-north-2", "-n", NS, "team=sre");
    Cluster labelled = cluster("go-eu-north-2");
    assertEquals("sre", labelled.getMetadata().getLabels().get("team"));
    assertEquals(generation, labelled.getMetadata().getGeneration(), "a label is metadata");
    assertNotEquals(before.getMetadata().getResourceVersion(), labelled.getMetadata().getResourceVersion(), "but it is stored");

    // A spec change together with an unknown field: the change counts once, the field is pruned.
    String answer = kubectl.run("patch", "cluster", "go-eu-north-2", "-n", NS, "--type", "merge", "-p",
        "{\"spec\":{\"bogus\":2,\"capacity\":{\"devices\":260000}}}", "-o", "json");
    Cluster patched = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(answer.substring(answer.indexOf('{')), Cluster.class);
    assertEquals(generation + 1, patched.getMetadata().getGeneration());
    assertEquals(260_000L, patched.getSpec().capacity.devices);
    assertFalse(answer.contains("\"bogus\""), answer);
    assertEquals(patched.getMetadata().getResourceVersion(), cluster("go-eu-north-2").getMetadata().getResourceVersion(),
        "the answer is what was stored");
  }

  /**
   * A watcher sees no event for a write that changed nothing: the first event after it is the next real
   * change (no sleep: the real change is made after the empty one, and events come in order).
   */
  @Test
  void aWriteThatChangesNothingSendsNoWatchEvent() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    String from = cluster("go-eu-north-1").getMetadata().getResourceVersion();
    try (var watch = server.client().resources(Cluster.class).inNamespace(NS).withName("go-eu-north-1")
        .watch(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withResourceVersion(from).build(), new Watcher<Cluster>() {
          @Override
          public void eventReceived(Action action, Cluster c) {
            events.add(action + " " + c.getMetadata().getLabels());
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      // The object as it is, sent back (kubectl replace: a PUT of what GET answered).
      java.nio.file.Path same = java.nio.file.Files.writeString(dir.resolve("north-1.json"),
          kubectl.run("get", "cluster", "go-eu-north-1", "-n", NS, "-o", "json"));
      assertTrue(kubectl.run("replace", "-f", same.toString()).contains("replaced"));
      kubectl.run("patch", "cluster", "go-eu-north-1", "-n", NS, "--type", "merge", "-p", "{\"spec\":{\"bogus\":3}}");
      kubectl.run("label", "cluster", "go-eu-north-1", "-n", NS, "step=real");
      String first = events.poll(30, TimeUnit.SECONDS);
      assertTrue(first != null && first.startsWith("MODIFIED") && first.contains("step=real"), "the first event is the label: " + first);
    }
  }
}
