package io.failwise.operator.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * Marks a Failwise object that the controller could not read (a field of the wrong type, stored
 * before the schema was enforced): such an object arrives with its metadata only and this
 * annotation, in memory, saying why. Code that reads a cache skips it; the controller reports it.
 */
public final class Unreadable {
  /** The in-memory annotation carrying the reason; never written to the API server. */
  public static final String ANNOTATION = "failwise.io/unreadable";

  private Unreadable() {}

  /** Why the object could not be read, or empty when it was read. */
  public static Optional<String> problem(HasMetadata resource) {
    if (resource == null || resource.getMetadata() == null) {
      return Optional.empty();
    }
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(ANNOTATION));
  }

  /**
   * {@code empty} made into the shell of a stored object the controller cannot read, as the informers hold
   * one: its namespace and name, and the reason in {@link #ANNOTATION}.
   */
  public static <T extends HasMetadata> T shell(T empty, String namespace, String name, String why) {
    empty.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(namespace).withName(name).addToAnnotations(ANNOTATION, why).build());
    return empty;
  }

  public static boolean isUnreadable(HasMetadata resource) {
    return problem(resource).isPresent();
  }

  public static boolean readable(HasMetadata resource) {
    return problem(resource).isEmpty();
  }
}
