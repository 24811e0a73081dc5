package io.failwise.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads and rewrites any namespaced object by apiVersion and kind. Writes are whole-object updates
 * carrying the resourceVersion read, retried from a fresh read on a conflict (409), and skipped when
 * the change changes nothing: a redone side effect leaves no trace.
 */
@ApplicationScoped
public class KubernetesObjects implements ObjectStore {
  private static final int CONFLICT_RETRIES = 5;
  private final KubernetesClient client;

  public KubernetesObjects(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<JsonNode> read(ObjectRef ref) {
    try {
      GenericKubernetesResource r = client.genericKubernetesResources(context(ref)).inNamespace(ref.namespace()).withName(ref.name()).get();
      return Optional.ofNullable(r).map(o -> Serialization.jsonMapper().valueToTree(o));
    } catch (KubernetesClientException e) {
      throw new ActionException("cannot read " + ref + ": " + reason(e), e, retryable(e));
    }
  }

  /**
   * Applies {@code change} to the object and writes it if that changed anything.
   *
   * @return whether it was written
   */
  @Override
  public boolean update(ObjectRef ref, UnaryOperator<JsonNode> change) {
    for (int attempt = 1; ; attempt++) {
      JsonNode current = read(ref).orElseThrow(() -> new ActionException(ref + " does not exist"));
      JsonNode next = change.apply(current);
      if (next.equals(current)) {
        return false;
      }
      try {
        GenericKubernetesResource resource = Serialization.jsonMapper().treeToValue(next, GenericKubernetesResource.class);
        client.genericKubernetesResources(context(ref)).inNamespace(ref.namespace()).resource(resource).update();
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= CONFLICT_RETRIES) {
          throw new ActionException("cannot update " + ref + ": " + reason(e), e, retryable(e));
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new ActionException("cannot update " + ref + ": " + e.getOriginalMessage(), e);
      }
    }
  }

  static ResourceDefinitionContext context(ObjectRef ref) {
    String apiVersion = ref.apiVersion();
    int slash = apiVersion.indexOf('/');
    return new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
        .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
        .withKind(ref.kind())
        .withPlural(Pluralize.toPlural(ref.kind().toLowerCase(Locale.ROOT)))
        .withNamespaced(true)
        .build();
  }

  /** Conflicts, throttling, server errors and no answer at all are worth another try. */
  private static boolean retryable(KubernetesClientException e) {
    int code = e.getCode();
    return code == 0 || code == 409 || code == 429 || code >= 500;
  }

  private static String reason(KubernetesClientException e) {
    return (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "")
        + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage());
  }
}
