package io.failwise.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Meters that belong to an owner (a Cluster, a simulated fleet, this application instance) and go
 * with it: {@link #forget} removes every meter of an owner from the registry, {@link #close} every
 * meter of every owner. A meter left behind reports an object that no longer exists on /q/metrics for
 * ever; and since the registry can outlive the bean that registered it (Quarkus hands out a global
 * registry, and tests restart the application in one JVM), a meter left behind at shutdown would keep
 * reading the old instance's values while the new instance's registration silently returns it.
 */
public final class OwnedMeters implements AutoCloseable {
  private final MeterRegistry registry;
  private final Map<String, Map<Meter.Id, AtomicLong>> byOwner = new ConcurrentHashMap<>();

  public OwnedMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Sets a gauge of the owner to {@code value}, registering it on first use. */
  public void set(String owner, String name, String help, Tags tags, long value) {
    register(owner, name, help, tags, Meter.Type.GAUGE, holder -> Gauge.builder(name, holder, AtomicLong::get)
        .description(help).tags(tags).strongReference(true).register(registry)).set(value);
  }

  /** A gauge of the owner read at scrape time; registering the same name and tags again is a no-op. */
  public void gauge(String owner, String name, String help, Tags tags, DoubleSupplier value) {
    register(owner, name, help, tags, Meter.Type.GAUGE, holder -> Gauge.builder(name, value, DoubleSupplier::getAsDouble)
        .description(help).tags(tags).strongReference(true).register(registry));
  }

  /** A monotonic counter of the owner read at scrape time (the owner counts; the meter only reads). */
  public void counter(String owner, String name, String help, Tags tags, DoubleSupplier value) {
    register(owner, name, help, tags, Meter.Type.COUNTER, holder -> FunctionCounter.builder(name, value, DoubleSupplier::getAsDouble)
        .description(help).tags(tags).register(registry));
  }

  /** Registers the meter once per owner, name and tags; the holder keeps a set gauge's value. */
  private AtomicLong register(String owner, String name, String help, Tags tags, Meter.Type type, Consumer<AtomicLong> register) {
    Meter.Id id = new Meter.Id(name, tags, null, help, type);
    return meters(owner).computeIfAbsent(id, k -> {
      AtomicLong holder = new AtomicLong();
      register.accept(holder);
      return holder;
    });
  }

  /** Removes every meter of the owner (the object was deleted). */
  public void forget(String owner) {
    Map<Meter.Id, AtomicLong> meters = byOwner.remove(owner);
    if (meters != null) {
      meters.keySet().forEach(this::remove);
    }
  }

  /** Removes the owner's meters of one name (what they measured is not known now). */
  public void forget(String owner, String name) {
    Map<Meter.Id, AtomicLong> meters = byOwner.get(owner);
    if (meters != null) {
      meters.keySet().removeIf(id -> {
        if (!id.getName().equals(name)) {
          return false;
        }
        remove(id);
        return true;
      });
    }
  }

  /** The owners that have meters now. */
  public Set<String> owners() {
    return Set.copyOf(byOwner.keySet());
  }

  /** Removes every meter this instance registered (the application stops). */
  @Override
  public void close() {
    owners().forEach(this::forget);
  }

  private Map<Meter.Id, AtomicLong> meters(String owner) {
    return byOwner.computeIfAbsent(owner, o -> new ConcurrentHashMap<>());
  }

  private void remove(Meter.Id id) {
    // The registry's id carries the type and description it was registered with; look it up by name and tags.
    Meter meter = registry.find(id.getName()).tags(id.getTags()).meters().stream()
        .filter(m -> m.getId().getTags().equals(id.getTags()))
        .findFirst()
        .orElse(null);
    if (meter != null) {
      registry.remove(meter);
    }
  }
}
