package io.failwise.cli.world;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The clock the controller judges by, as another process can follow it. On a real cluster that is
 * the wall clock, and nothing is published. The embedded world ({@code failwise run --embedded
 * --speed N}) runs the controller on a simulated clock, and publishes it in the ConfigMap
 * {@code failwise-clock} of the control namespace: the simulated time at one wall instant and how
 * many simulated seconds pass per wall second from then on. The CLI commands that stamp a person's
 * action ({@code silence}, {@code abort}, {@code halt}) read it, so that "the next 30 minutes" are
 * the controller's next 30 minutes. Kubernetes Events and {@code creationTimestamp}s stay on the
 * wall clock.
 */
public final class WorldClock {
  /** The ConfigMap the embedded world publishes its clock in. */
  public static final String NAME = "failwise-clock";

  private WorldClock() {}

  /**
   * The simulated time {@code simulated} at the wall instant {@code wall}, running {@code rate}
   * simulated seconds per wall second since.
   */
  public record Anchor(Instant simulated, Instant wall, double rate) {
    /** The simulated time at wall instant {@code wallNow}. */
    public Instant at(Instant wallNow) {
      long wallMillis = Duration.between(wall, wallNow).toMillis();
      return simulated.plusMillis(Math.round(wallMillis * rate));
    }
  }

  /**
   * The controller's clock for a process that talks to the API server {@code client} names: the
   * published simulated clock when there is one in {@code namespace}, else {@code wall}.
   */
  public static Clock controllerClock(KubernetesClient client, String namespace, Clock wall) {
    return published(client, namespace, wall).orElse(wall);
  }

  /** The simulated clock published in {@code namespace}, read through {@code wall}; empty on a real cluster. */
  public static Optional<Clock> published(KubernetesClient client, String namespace, Clock wall) {
    return read(client, namespace).map(a -> new Following(a, wall));
  }

  static Optional<Anchor> read(KubernetesClient client, String namespace) {
    ConfigMap cm;
    try {
      cm = client.configMaps().inNamespace(namespace).withName(NAME).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return Optional.empty(); // not allowed to read ConfigMaps there: a real cluster publishes nothing anyway
      }
      throw e;
    }
    return cm == null ? Optional.empty() : anchor(cm);
  }

  static Optional<Anchor> anchor(ConfigMap cm) {
    Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
    try {
      return Optional.of(new Anchor(
          Instant.parse(data.get("simulated")), Instant.parse(data.get("wall")), Double.parseDouble(data.get("rate"))));
    } catch (DateTimeParseException | NullPointerException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static ConfigMap configMap(String namespace, Anchor a) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", "failwise")
        .addToAnnotations("failwise.io/description",
            "The embedded world's simulated clock: 'simulated' at wall instant 'wall', running 'rate' simulated seconds per wall second since.")
        .endMetadata()
        .addToData("simulated", a.simulated().toString())
        .addToData("wall", a.wall().toString())
        .addToData("rate", String.valueOf(a.rate()))
        .build();
  }

  /** A wall clock read through an anchor: what the embedded world's controller reads now. */
  static final class Following extends Clock {
    private final Anchor anchor;
    private final Clock wall;

    Following(Anchor anchor, Clock wall) {
      this.anchor = anchor;
      this.wall = wall;
    }

    @Override
    public ZoneId getZone() {
      return wall.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new Following(anchor, wall.withZone(zone));
    }

    @Override
    public Instant instant() {
      return anchor.at(wall.instant());
    }
  }

  /**
   * What the embedded world does: publishes its clock at start, and again whenever the rate changes
   * (a run waits for a person and time runs at wall speed) or the published anchor drifted from the
   * world's clock by more than a quarter of a wall second's worth of simulated time.
   */
  public static final class Publisher {
    private final KubernetesClient client;
    private final String namespace;
    private final Clock simulated;
    private final Clock wall;
    private final Supplier<Double> rate;
    private Anchor published;

    public Publisher(KubernetesClient client, String namespace, Clock simulated, Clock wall, Supplier<Double> rate) {
      this.client = client;
      this.namespace = namespace;
      this.simulated = simulated;
      this.wall = wall;
      this.rate = rate;
    }

    /** Publishes the clock if the published one is missing, of another rate or drifted; true if it did. */
    public boolean look() {
      Instant wallNow = wall.instant();
      Instant simNow = simulated.instant();
      double r = rate.get();
      if (published != null && published.rate() == r) {
        long driftMillis = Math.abs(Duration.between(published.at(wallNow), simNow).toMillis());
        if (driftMillis <= Math.max(1_000, Math.round(250 * r))) {
          return false;
        }
      }
      Anchor next = new Anchor(simNow, wallNow, r);
      client.configMaps().inNamespace(namespace).resource(configMap(namespace, next)).createOr(c -> c.update());
      published = next;
      return true;
    }
  }
}
