package io.failwise.execution;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.model.security.SecretAllowList;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Secrets read from the API server when a webhook is sent; never cached, never logged, and only those
 * the owner listed in {@code failwise.allow.secrets} (which the install's Roles grant by name).
 */
@ApplicationScoped
public class KubernetesSecrets implements SecretSource {
  private final KubernetesClient client;
  private final SecretAllowList allowed;

  public KubernetesSecrets(KubernetesClient client, SecretAllowList allowed) {
    this.client = client;
    this.allowed = allowed;
  }

  @Override
  public Optional<String> refusal(String namespace, String name) {
    return allowed.refusal(namespace, name);
  }

  @Override
  public Optional<String> read(String namespace, String name, String key) {
    Optional<String> refused = allowed.refusal(namespace, name);
    if (refused.isPresent()) {
      throw new ActionException(refused.get(), null, false);
    }
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
