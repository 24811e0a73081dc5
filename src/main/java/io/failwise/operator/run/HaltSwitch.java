package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.operator.FailwiseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The global halt: one ConfigMap, {@code failwise-halt} in the control namespace. While it exists,
 * every executing run pauses before its next side effect and new runs do not start; its data says
 * who halted, when and why. {@code kubectl delete configmap failwise-halt} resumes as well as
 * {@code failwise resume} does.
 */
@ApplicationScoped
public class HaltSwitch {
  public static final String NAME = "failwise-halt";

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;

  public HaltSwitch(KubernetesClient client, FailwiseConfig config, Clock clock) {
    this.client = client;
    this.namespace = config.runs().controlNamespace();
    this.clock = clock;
  }

  public String namespace() {
    return namespace;
  }

  public Optional<RunWorld.Halt> current() {
    return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(NAME).get()).map(HaltSwitch::halt);
  }

  /** Sets the halt; if it is already set, it stays as it was (the first who halted is named). */
  public RunWorld.Halt halt(String by, String reason) {
    return halt(by, reason, clock.instant());
  }

  /** {@link #halt} set at {@code at} by the controller's clock (the CLI of an embedded world reads it from the world). */
  public RunWorld.Halt halt(String by, String reason, java.time.Instant at) {
    Optional<RunWorld.Halt> existing = current();
    if (existing.isPresent()) {
      return existing.get();
    }
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/managed-by", "failwise")
            .endMetadata()
            .addToData("by", by)
            .addToData("at", RunStatuses.time(at))
            .addToData("reason", reason == null ? "" : reason)
            .build();
    try {
      return halt(client.configMaps().inNamespace(namespace).resource(cm).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return current().orElseThrow(() -> e);
      }
      throw e;
    }
  }

  /** Lifts the halt; the halt that was lifted, or empty if none was set. */
  public Optional<RunWorld.Halt> resume() {
    Optional<RunWorld.Halt> existing = current();
    existing.ifPresent(h -> client.configMaps().inNamespace(namespace).withName(NAME).delete());
    return existing;
  }

  static RunWorld.Halt halt(ConfigMap cm) {
    Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
    String reason = data.get("reason");
    return new RunWorld.Halt(
        data.getOrDefault("by", "someone (no 'by' in the ConfigMap)"),
        data.getOrDefault("at", cm.getMetadata().getCreationTimestamp()),
        reason == null || reason.isBlank() ? null : reason);
  }
}
