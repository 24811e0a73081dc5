package io.failwise.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs on the API server: fresh reads, and status writes that carry the resourceVersion read so that
 * a write from a stale read is refused (409) rather than overwriting a person's approval or abort.
 */
@ApplicationScoped
public class KubernetesRunStore implements RunStore {
  private final KubernetesClient client;

  public KubernetesRunStore(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<FailoverRun> get(String namespace, String name) {
    return Optional.ofNullable(client.resources(FailoverRun.class).inNamespace(namespace).withName(name).get());
  }

  /**
   * A PUT of the status subresource with the resourceVersion read: a real API server refuses it with
   * 409 if the run changed since, and so does the embedded server. The Quarkus test API server
   * (fabric8's CRUD dispatcher as it comes) does not check the resourceVersion of a status PUT, so
   * the version is also compared just before writing; there, two writers can still race within that
   * instant. A 409 becomes {@link Conflict}: the callers read the run again and decide again.
   */
  @Override
  public FailoverRun writeStatus(FailoverRun run, FailoverRunStatus status) {
    String namespace = run.getMetadata().getNamespace();
    String name = run.getMetadata().getName();
    FailoverRun current = get(namespace, name).orElseThrow(() -> new Conflict("run " + name + " went away"));
    if (!Objects.equals(current.getMetadata().getResourceVersion(), run.getMetadata().getResourceVersion())) {
      throw new Conflict("run " + name + " changed since it was read");
    }
    FailoverRun update = new FailoverRun();
    update.setMetadata(run.getMetadata());
    update.setSpec(run.getSpec());
    update.setStatus(status);
    try {
      return client.resources(FailoverRun.class).inNamespace(namespace).resource(update).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 || e.getCode() == 404) {
        throw new Conflict("run " + name + " changed or went away: HTTP " + e.getCode());
      }
      throw e;
    }
  }
}
