package io.failwise.api.validation;

import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The names a validation message offers when a reference does not resolve: the first few in order
 * and how many more exist. Listing them all put 42 KB of cluster names into each Cluster's status
 * and into an Event per cluster while a fleet of 5,000 was being created; a person needs examples
 * and the count, and {@code kubectl get} for the rest.
 */
final class KnownNames {
  /** How many names a message shows. */
  static final int SHOWN = 10;

  private KnownNames() {}

  /** Reads distinct names once, keeping only the first {@link #SHOWN}: no copy or sort of a whole fleet. */
  static String of(Stream<String> names) {
    TreeSet<String> first = new TreeSet<>();
    long[] total = {0};
    names.forEach(
        n -> {
          total[0]++;
          first.add(n);
          if (first.size() > SHOWN) {
            first.pollLast();
          }
        });
    if (total[0] == 0) {
      return "(none)";
    }
    String shown = String.join(", ", first);
    return total[0] > SHOWN ? String.format(java.util.Locale.ROOT, "%s and %,d more", shown, total[0] - SHOWN) : shown;
  }
}
