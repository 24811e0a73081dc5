package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.failwise.operator.watch.Unreadable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources of one kind in a namespace, read from a watch-fed cache: a run decides up to hundreds
 * of times in a row, and a LIST per decision is a load on the API server that grows with the fleet.
 * One informer per namespace a run is in (so namespaced RBAC suffices), started on first use and
 * synced before it answers; the cache is a watch behind the API server, which the engine tolerates
 * (a resource not seen yet reads as missing and the run looks again at its next tick). An object
 * the controller cannot read (reported by UnreadableObjects) reads as missing too.
 */
final class InformedResources<T extends HasMetadata> implements AutoCloseable {
  private final KubernetesClient client;
  private final Class<T> type;
  private final Map<String, SharedIndexInformer<T>> informers = new ConcurrentHashMap<>();

  InformedResources(KubernetesClient client, Class<T> type) {
    this.client = client;
    this.type = type;
  }

  /** The namespace's readable resources by name, in name order: a copy of them all, for choices among them. */
  Map<String, T> byName(String namespace) {
    Map<String, T> byName = new LinkedHashMap<>();
    informer(namespace).getStore().list().stream()
        .filter(Unreadable::readable)
        .sorted(Comparator.comparing(r -> r.getMetadata().getName()))
        .forEach(r -> byName.put(r.getMetadata().getName(), r));
    return byName;
  }

  /** One readable resource: a lookup by key in the cache, whatever the size of the namespace. */
  Optional<T> get(String namespace, String name) {
    return Optional.ofNullable(informer(namespace).getStore().getByKey(Cache.namespaceKeyFunc(namespace, name))).filter(Unreadable::readable);
  }

  /** Why the stored resource of that name cannot be read, when it is stored but unreadable. */
  Optional<String> problem(String namespace, String name) {
    return Optional.ofNullable(informer(namespace).getStore().getByKey(Cache.namespaceKeyFunc(namespace, name))).flatMap(Unreadable::problem);
  }

  private SharedIndexInformer<T> informer(String namespace) {
    return informers.computeIfAbsent(namespace, ns -> client.resources(type).inNamespace(ns).inform());
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
    informers.clear();
  }
}
