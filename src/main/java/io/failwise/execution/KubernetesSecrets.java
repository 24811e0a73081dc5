package io.failwise.execution;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Secrets read from the API server when a webhook is sent; never cached, never logged. */
@ApplicationScoped
public class KubernetesSecrets implements SecretSource {
  private final KubernetesClient client;

  public KubernetesSecrets(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<String> read(String namespace, String name, String key) {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw new ActionException("cannot read Secret " + namespace + "/" + name + ": HTTP " + e.getCode(), null, e.getCode() == 0 || e.getCode() >= 500);
    }
    if (secret == null) {
      return Optional.empty();
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return Optional.of(secret.getStringData().get(key));
    }
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null ? Optional.empty() : Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim());
  }
}
