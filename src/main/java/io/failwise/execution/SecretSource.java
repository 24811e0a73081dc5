package io.failwise.execution;

import java.util.Optional;

/** Reads one value of a Secret: the Kubernetes API server, or a test's table. */
public interface SecretSource {
  /** The decoded value of {@code key} in Secret {@code namespace/name}; empty if either is missing. */
  Optional<String> read(String namespace, String name, String key);

  /** Why this source will not read Secret {@code namespace/name} (the owner did not allow it); empty if it will. */
  default Optional<String> refusal(String namespace, String name) {
    return Optional.empty();
  }
}
