package io.failwise.operator;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A set of names answered by an informer cache: {@code contains} is one lookup, and only iterating
 * (to list what exists in an error message) walks the cache. Validation of a valid spec so costs
 * lookups, not a copy of every name in the fleet per reconcile; an invalid one walks the cache once,
 * in no particular order (the message keeps the first few names, {@code KnownNames}).
 */
final class CachedNames extends AbstractSet<String> {
  private final Predicate<String> exists;
  private final Supplier<Stream<String>> all;

  CachedNames(Predicate<String> exists, Supplier<Stream<String>> all) {
    this.exists = exists;
    this.all = all;
  }

  @Override
  public boolean contains(Object o) {
    return o instanceof String name && exists.test(name);
  }

  @Override
  public Iterator<String> iterator() {
    return all.get().iterator();
  }

  @Override
  public int size() {
    return (int) all.get().count();
  }
}
