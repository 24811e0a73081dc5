package io.failwise.api.validation;

/** One thing wrong with a resource: the field (a JSON path like spec.failover.targets[0].cluster) and why. */
public record Problem(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
