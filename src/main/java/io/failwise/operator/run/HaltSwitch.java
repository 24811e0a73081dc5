package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.operator.FailwiseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(NAME).get()).map(cm -> halt(cm, clock, Clock.systemUTC()));
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
      return halt(client.configMaps().inNamespace(namespace).resource(cm).create(), clock, Clock.systemUTC());
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

  /**
   * The halt {@code cm} records. One written without {@code at} ({@code kubectl create configmap
   * failwise-halt}) is dated by {@link #dated}.
   */
  static RunWorld.Halt halt(ConfigMap cm, Clock controller, Clock wall) {
    Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
    String reason = data.get("reason");
    String at = data.get("at");
    return new RunWorld.Halt(
        data.getOrDefault("by", "someone (no 'by' in the ConfigMap)"),
        at == null || at.isBlank() ? dated(cm, controller, wall) : at,
        reason == null || reason.isBlank() ? null : reason);
  }

  /** When each halt without {@code at} was set, by uid, as first worked out (the latest few). */
  private static final Map<String, String> DATED = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * When a halt without {@code at} was set, on the controller's clock: its creationTimestamp is the API
   * server's wall clock, which a sped-up embedded world runs hours behind the controller's (a decision
   * at 17:07 simulated said "halted since 11:11:51"). The timestamp is moved by the controller clock's
   * lead over the wall clock when the halt is first read, and kept: on a real cluster the lead is nil and
   * this is the creationTimestamp.
   */
  static String dated(ConfigMap cm, Clock controller, Clock wall) {
    String created = cm.getMetadata().getCreationTimestamp();
    String uid = cm.getMetadata().getUid();
    Instant at;
    try {
      at = created == null ? null : Instant.parse(created);
    } catch (java.time.format.DateTimeParseException e) {
      at = null;
    }
    if (at == null) {
      return RunStatuses.time(controller.instant()); // no API server leaves it out: as good as "now"
    }
    String moved = RunStatuses.time(at.plus(Duration.between(wall.instant(), controller.instant())));
    if (uid == null) {
      return moved;
    }
    String known = DATED.get(uid);
    if (known != null) {
      return known;
    }
    if (DATED.size() > 16) {
      DATED.clear(); // halts are few; forgetting an old one only dates it again
    }
    String raced = DATED.putIfAbsent(uid, moved);
    return raced == null ? moved : raced;
  }
}
