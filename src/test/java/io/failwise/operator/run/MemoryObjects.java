package io.failwise.operator.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.execution.ActionException;
import io.failwise.execution.ObjectRef;
import io.failwise.execution.ObjectStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Kubernetes objects in memory, with the history of every write: a side effect done twice shows. */
final class MemoryObjects implements ObjectStore {
  /** One write: which object and what it became. */
  record Write(ObjectRef ref, JsonNode after) {}

  private final Map<ObjectRef, JsonNode> objects = new LinkedHashMap<>();
  private final List<Write> history = new ArrayList<>();
  /** Objects whose writes the API server refuses for now (a webhook, a quota, RBAC taken away). */
  final java.util.Set<ObjectRef> refusing = new java.util.HashSet<>();

  void put(ObjectRef ref, JsonNode object) {
    objects.put(ref, object.deepCopy());
  }

  JsonNode get(ObjectRef ref) {
    return objects.get(ref);
  }

  List<Write> history() {
    return List.copyOf(history);
  }

  @Override
  public Optional<JsonNode> read(ObjectRef ref) {
    return Optional.ofNullable(objects.get(ref)).map(JsonNode::deepCopy);
  }

  @Override
  public boolean update(ObjectRef ref, UnaryOperator<JsonNode> change) {
    JsonNode current = objects.get(ref);
    if (current == null) {
      throw new ActionException(ref + " does not exist");
    }
    if (refusing.contains(ref)) {
      throw new ActionException("admission webhook denied the request to change " + ref);
    }
    JsonNode next = change.apply(current.deepCopy());
    if (next.equals(current)) {
      return false;
    }
    objects.put(ref, next);
    history.add(new Write(ref, next.deepCopy()));
    return true;
  }
}
