package io.failwise.embedded;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * fabric8's CRUD dispatcher, with reads and writes of one object by name answered through a
 * {@link NameIndex} instead of a pass over every stored object. Lists, selectors, watches (but for
 * where they start) and deletes keep fabric8's own code.
 */
class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  private static final Logger LOG = Logger.getLogger(IndexedCrudDispatcher.class);

  private final NameIndex names = new NameIndex();
  /** Guards {@link #names}; a write holds fabric8's own lock too, which is always taken first. */
  private final ReadWriteLock indexLock = new ReentrantReadWriteLock();
  private volatile boolean indexBroken;

  /** Set while this thread serves a PUT or PATCH: what it deleted by taking off the last finalizer, if it did. */
  private final ThreadLocal<String[]> deletedByWrite = new ThreadLocal<>();

  /** Every write (create, update, patch, status, delete) passes here, under fabric8's write lock. */
  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes, GenericKubernetesResource resource, String newState) {
    indexLock.writeLock().lock();
    try {
      String[] deleted = deletedByWrite.get();
      if (deleted != null && newState == null && oldAttributes != null) {
        deleted[0] = map.get(oldAttributes);
      }
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
      index(pathAttributes, oldAttributes, resource, newState);
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  /** A watch from a resource version sends what changed since, not every stored object again ({@link WatchFromVersion}). */
  @Override
  public MockResponse handleWatch(String path) {
    return WatchFromVersion.of(path, super.handleWatch(path));
  }

  @Override
  public MockResponse handlePatch(io.fabric8.mockwebserver.http.RecordedRequest request) {
    return answeringFinalState(() -> super.handlePatch(request));
  }

  @Override
  public MockResponse handleUpdate(io.fabric8.mockwebserver.http.RecordedRequest request) {
    return answeringFinalState(() -> super.handleUpdate(request));
  }

  /**
   * A PUT or PATCH that takes the last finalizer off an object marked for deletion deletes it: fabric8
   * answers 202 (a PUT 200) with no body, kube-apiserver 200 with the object as the write left it. A controller's
   * finalizer removal (JOSDK's) reads that answer and failed on the empty one, logging a stack trace on
   * every deletion.
   */
  private MockResponse answeringFinalState(java.util.function.Supplier<MockResponse> write) {
    String[] deleted = new String[1];
    deletedByWrite.set(deleted);
    try {
      MockResponse response = write.get();
      if (deleted[0] != null && response.code() / 100 == 2) { // 202 for a PATCH, 200 with no body for a PUT
        return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(withoutFinalizers(deleted[0]));
      }
      return response;
    } finally {
      deletedByWrite.remove();
    }
  }

  private static String withoutFinalizers(String state) {
    try {
      var object = (com.fasterxml.jackson.databind.node.ObjectNode) io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().readTree(state);
      if (object.get("metadata") instanceof com.fasterxml.jackson.databind.node.ObjectNode metadata) {
        metadata.remove("finalizers");
      }
      return object.toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
      return state; // stored by fabric8 itself, so always an object; kept as it is rather than lost
    }
  }

  /** One object, as fabric8's pass over every key would find it (its POST, PUT and PATCH handlers ask here). */
  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Optional<List<AttributeSet>> keys = candidates(query);
    if (keys.isEmpty()) {
      return super.findResource(query);
    }
    for (AttributeSet key : keys.get()) {
      String state = map.get(key);
      if (state != null && key.matches(query)) {
        return Map.entry(key, state);
      }
    }
    return null;
  }

  /**
   * A GET of one object by name is a lookup too; lists and watches take fabric8's pass over the store, a
   * list then sorted by namespace and name as kube-apiserver lists (fabric8's came in the store's hash
   * order: kubectl get printed go-eu-north-1, go-eu-west-2, go-eu-north-2, go-eu-west-1).
   */
  @Override
  public MockResponse handleGet(String path) {
    int q = path.indexOf('?');
    boolean watch = q >= 0 && path.substring(q).contains("watch");
    if (!watch) {
      AttributeSet query = attributeExtractor.fromPath(path);
      if (candidates(query).isPresent()) {
        Map.Entry<AttributeSet, String> found = findResource(query);
        return found == null
            ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
            : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getValue());
      }
    }
    MockResponse answer = super.handleGet(path);
    return watch ? answer : sortedByName(answer);
  }

  private static MockResponse sortedByName(MockResponse answer) {
    if (answer.code() != HttpURLConnection.HTTP_OK || answer.getBody() == null) {
      return answer;
    }
    String body = new String(answer.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!body.startsWith("{") || !body.contains("\"items\"")) {
      return answer;
    }
    com.fasterxml.jackson.databind.JsonNode list = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(body, com.fasterxml.jackson.databind.JsonNode.class);
    if (!(list.path("items") instanceof com.fasterxml.jackson.databind.node.ArrayNode items) || items.size() < 2) {
      return answer;
    }
    List<com.fasterxml.jackson.databind.JsonNode> sorted = new java.util.ArrayList<>();
    items.forEach(sorted::add);
    sorted.sort(java.util.Comparator.comparing((com.fasterxml.jackson.databind.JsonNode i) -> i.path("metadata").path("namespace").asText(""))
        .thenComparing(i -> i.path("metadata").path("name").asText("")));
    items.removeAll();
    items.addAll(sorted);
    return answer.setBody(io.fabric8.kubernetes.client.utils.Serialization.asJson(list));
  }

  @Override
  public void reset() {
    indexLock.writeLock().lock();
    try {
      super.reset();
      names.clear();
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  /** Objects the index holds (for tests). */
  int indexed() {
    indexLock.readLock().lock();
    try {
      return indexBroken ? -1 : names.size();
    } finally {
      indexLock.readLock().unlock();
    }
  }

  private Optional<List<AttributeSet>> candidates(AttributeSet query) {
    indexLock.readLock().lock();
    try {
      return indexBroken ? Optional.empty() : names.candidates(query);
    } finally {
      indexLock.readLock().unlock();
    }
  }

  /**
   * Keeps the index in step with fabric8's store: the new key is computed as fabric8's processEvent
   * computes it. Should an upgrade of fabric8 compute it otherwise, the key is missing from the store,
   * the index is dropped and every lookup goes back to the full pass: slower, never wrong.
   */
  private void index(AttributeSet pathAttributes, AttributeSet oldAttributes, GenericKubernetesResource resource, String newState) {
    if (indexBroken) {
      return;
    }
    if (oldAttributes != null) {
      names.remove(oldAttributes);
    }
    if (newState == null) {
      return;
    }
    KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
    AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
    if (!key.containsKey(KubernetesAttributesExtractor.PLURAL)) {
      key = AttributeSet.merge(pathAttributes, key);
    }
    if (map.containsKey(key)) {
      names.add(key);
    } else {
      indexBroken = true;
      names.clear();
      LOG.warn("The embedded API server's name index lost step with fabric8's store: from now on a lookup of one object scans them all");
    }
  }
}
