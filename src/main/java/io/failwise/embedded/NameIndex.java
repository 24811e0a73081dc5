package io.failwise.embedded;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of fabric8's CRUD store by object name. The store is a map from each object's attributes
 * to its JSON, and fabric8 finds one object by testing every key against the query: a GET, PATCH or
 * PUT of one Cluster cost a pass over the whole fleet (at 5,000 Clusters, 35% of the process's
 * CPU samples and half of the one thread that serves every request; the fleet was not created after
 * 6 minutes). kube-apiserver reads one key from etcd; here a
 * query that names its object tests only the keys with that name, in the store's order, with the
 * same matching, so the answer is the one the full pass would give.
 *
 * <p>Not thread-safe: the dispatcher guards it with its own lock.
 */
final class NameIndex {
  /** fabric8's {@code Value} treats "*" as equal to any name, so a key or query named so matches any. */
  private static final String ANY = "*";

  private final Map<String, Set<AttributeSet>> byName = new HashMap<>();

  void add(AttributeSet key) {
    name(key).ifPresent(n -> byName.computeIfAbsent(n, x -> new LinkedHashSet<>()).add(key));
  }

  void remove(AttributeSet key) {
    name(key).ifPresent(n -> {
      Set<AttributeSet> keys = byName.get(n);
      if (keys != null && keys.remove(key) && keys.isEmpty()) {
        byName.remove(n);
      }
    });
  }

  void clear() {
    byName.clear();
  }

  /**
   * The keys that can match {@code query}, or empty when the query does not name one object by an
   * exact name (a list, a selector, a wildcard): then only a pass over the store answers it.
   */
  Optional<List<AttributeSet>> candidates(AttributeSet query) {
    Attribute name = query.getAttribute(KubernetesAttributesExtractor.NAME);
    if (name == null || name.getType() != AttributeType.WITH || name.getValues().size() != 1) {
      return Optional.empty();
    }
    String wanted = valueOf(name);
    if (wanted == null || ANY.equals(wanted)) {
      return Optional.empty();
    }
    List<AttributeSet> keys = new ArrayList<>(byName.getOrDefault(wanted, Set.of()));
    keys.addAll(byName.getOrDefault(ANY, Set.of()));
    return Optional.of(keys);
  }

  int size() {
    return byName.values().stream().mapToInt(Set::size).sum();
  }

  private static Optional<String> name(AttributeSet key) {
    Attribute name = key.getAttribute(KubernetesAttributesExtractor.NAME);
    return name == null || name.getValues().size() != 1 ? Optional.empty() : Optional.ofNullable(valueOf(name));
  }

  /** fabric8's {@code Value} has no getter: its toString() is the value itself. */
  private static String valueOf(Attribute a) {
    return a.getValues().get(0).toString();
  }
}
