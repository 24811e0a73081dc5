package io.failwise.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Objects that patch actions read and rewrite: the Kubernetes API server, or a test's memory. */
public interface ObjectStore {
  Optional<JsonNode> read(ObjectRef ref);

  /**
   * Applies {@code change} to the object as it is now and writes it if that changed anything,
   * retrying from a fresh read when someone else wrote it meanwhile.
   *
   * @return whether it was written
   * @throws ActionException if the object does not exist or cannot be written
   */
  boolean update(ObjectRef ref, UnaryOperator<JsonNode> change);
}
