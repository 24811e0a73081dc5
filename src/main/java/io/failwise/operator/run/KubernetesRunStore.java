package io.failwise.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Runs on the API server: fresh reads and status writes that carry the resourceVersion read. */
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

  @Override
  public FailoverRun writeStatus(FailoverRun run, FailoverRunStatus status) {
    FailoverRun update = new FailoverRun();
    update.setMetadata(run.getMetadata());
    update.setSpec(run.getSpec());
    update.setStatus(status);
    try {
      // updateStatus sends the resourceVersion: the API server refuses it (409) if the run changed since.
      return client.resources(FailoverRun.class).inNamespace(run.getMetadata().getNamespace()).resource(update).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 || e.getCode() == 404) {
        throw new Conflict("run " + run.getMetadata().getName() + " changed or went away: HTTP " + e.getCode());
      }
      throw e;
    }
  }
}
