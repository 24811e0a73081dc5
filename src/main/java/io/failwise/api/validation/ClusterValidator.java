package io.failwise.api.validation;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterSpec;
import io.failwise.api.FailoverSpec;
import io.failwise.api.SignalsSpec;
import io.failwise.model.Format;
import io.failwise.model.detect.PlausibleCounts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a Cluster's spec, including what the API server's schema and CEL rules would reject (the
 * embedded server enforces neither) and the references it cannot check: the region and the targets.
 * Each check is a small pure method returning an optional problem.
 */
public final class ClusterValidator {
  /** What the cluster may refer to: known region names and cluster names in its namespace. */
  public record References(Set<String> regions, Set<String> clustersInNamespace) {}

  private ClusterValidator() {}

  /**
   * Every problem of the spec: those that stop the controller, the failover targets it refuses and the
   * maintenance windows it ignores.
   */
  public static List<Problem> validate(Cluster cluster, References refs) {
    List<Problem> problems = new ArrayList<>(blocking(cluster, refs));
    problems.addAll(refusedTargets(cluster, refs));
    problems.addAll(ignoredWindows(cluster.getSpec()));
    return problems;
  }

  /**
   * The problems that stop the controller from observing the cluster. A maintenance window it cannot
   * read is not one of them: it is left out of the schedule ({@link #ignoredWindows}) and detection goes
   * on with the other windows, since suppressing alerts is never a reason to stop watching. Nor is a
   * failover target it cannot use ({@link #refusedTargets}): a deleted or misspelt target must not blind
   * the controller to an outage of the cluster that lists it, only refuse that target.
   */
  public static List<Problem> blocking(Cluster cluster, References refs) {
    ClusterSpec spec = cluster.getSpec();
    if (spec == null) {
      return List.of(new Problem("spec", "is required"));
    }
    List<Problem> problems = new ArrayList<>();
    Stream.of(
            region(spec, refs),
            capacity(spec),
            admission(spec),
            cutover(spec.failover),
            signals(spec))
        .flatMap(Optional::stream)
        .forEach(problems::add);
    problems.addAll(prometheus(spec));
    staticCounts(spec).ifPresent(problems::add);
    return problems;
  }

  /** The maintenance windows that cannot be read and are ignored, each naming its field and what is valid. */
  public static List<Problem> ignoredWindows(ClusterSpec spec) {
    return spec == null ? List.of() : MaintenanceWindows.of(spec).problems();
  }

  static Optional<Problem> region(ClusterSpec spec, References refs) {
    if (spec.region == null || spec.region.isBlank()) {
      return Optional.of(new Problem("spec.region", "is required: the name of the Region this cluster runs in"));
    }
    if (refs.regions() != null && !refs.regions().contains(spec.region)) {
      return Optional.of(
          new Problem(
              "spec.region", "Region '" + spec.region + "' does not exist; known regions: " + KnownNames.of(refs.regions().stream())));
    }
    return Optional.empty();
  }

  static Optional<Problem> capacity(ClusterSpec spec) {
    if (spec.capacity == null || spec.capacity.devices == null) {
      return Optional.of(new Problem("spec.capacity.devices", "is required: the most concurrent connections it holds"));
    }
    return spec.capacity.devices < 0 || spec.capacity.devices > PlausibleCounts.MAX_DEVICES
        ? Optional.of(new Problem("spec.capacity.devices", "must be from 0 to " + Format.count(PlausibleCounts.MAX_DEVICES) + ", got " + spec.capacity.devices))
        : Optional.empty();
  }

  static Optional<Problem> admission(ClusterSpec spec) {
    if (spec.admission == null || spec.admission.devicesPerSecond == null) {
      return Optional.of(
          new Problem("spec.admission.devicesPerSecond", "is required: new connections per second it accepts"));
    }
    double rate = spec.admission.devicesPerSecond;
    return rate > 0 && Double.isFinite(rate)
        ? Optional.empty()
        : Optional.of(new Problem("spec.admission.devicesPerSecond", "must be a number above 0, got " + rate));
  }

  /**
   * The widest cutover spread: a p90 at most this many times the median. The cutover is lognormal, so at
   * 20 its mean is already 15 times the median (a 10-minute median, a 2.5-hour mean); Azure documents 10
   * minutes to 2 hours for a manual IoT Hub failover, a spread of 12. Wider, the mean runs to days.
   */
  public static final int WIDEST_CUTOVER_SPREAD = 20;

  /** The cutover's median and p90: each from 0 to a day, the p90 given with its median, at or above it and within {@link #WIDEST_CUTOVER_SPREAD} times it. */
  public static Optional<Problem> cutover(FailoverSpec failover) {
    if (failover != null && failover.cutoverP90Seconds != null && (failover.cutoverP90Seconds < 0 || failover.cutoverP90Seconds > 86_400)) {
      return Optional.of(
          new Problem("spec.failover.cutoverP90Seconds", "must be between 0 and 86400, got " + failover.cutoverP90Seconds));
    }
    if (failover == null || failover.cutoverSeconds == null) {
      return failover != null && failover.cutoverP90Seconds != null
          ? Optional.of(new Problem("spec.failover.cutoverP90Seconds",
              "needs spec.failover.cutoverSeconds, the median it widens, got a p90 of " + failover.cutoverP90Seconds + " alone"))
          : Optional.empty();
    }
    if (failover.cutoverSeconds < 0 || failover.cutoverSeconds > 86_400) {
      return Optional.of(new Problem("spec.failover.cutoverSeconds", "must be between 0 and 86400, got " + failover.cutoverSeconds));
    }
    if (failover.cutoverP90Seconds == null) {
      return Optional.empty();
    }
    long median = failover.cutoverSeconds;
    long p90 = failover.cutoverP90Seconds;
    if (p90 < median) {
      return Optional.of(new Problem("spec.failover.cutoverP90Seconds",
          "must be at least spec.failover.cutoverSeconds (the median, " + median + "), got " + p90));
    }
    if (p90 > (long) WIDEST_CUTOVER_SPREAD * median) {
      return Optional.of(new Problem("spec.failover.cutoverP90Seconds",
          "must be at most " + WIDEST_CUTOVER_SPREAD + " x spec.failover.cutoverSeconds (" + median + "): that spread puts the expected"
              + " cutover (the lognormal's mean) at " + Format.duration(java.time.Duration.ofSeconds(meanSeconds(median, p90))) + ", got " + p90));
    }
    return Optional.empty();
  }

  /** The mean of the lognormal cutover with this median and 90th percentile, as the estimator costs it. */
  private static long meanSeconds(long median, long p90) {
    return Math.round(Math.min(1e15, io.failwise.model.estimate.DurationPrior.meanOf(median, p90)));
  }

  /** The failover targets the spec lists and the controller cannot use: missing, itself, listed twice, a negative priority. */
  public static List<Problem> refusedTargets(Cluster cluster, References refs) {
    return cluster.getSpec() == null ? List.of() : targets(cluster.getMetadata().getName(), cluster.getSpec().failover, refs);
  }

  static List<Problem> targets(String self, FailoverSpec failover, References refs) {
    if (failover == null || failover.targets == null) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < failover.targets.size(); i++) {
      FailoverSpec.Target t = failover.targets.get(i);
      String field = "spec.failover.targets[" + i + "]";
      if (t == null || t.cluster == null || t.cluster.isBlank()) {
        problems.add(new Problem(field + ".cluster", "is required: the name of a Cluster in the same namespace"));
        continue;
      }
      if (t.cluster.equals(self)) {
        problems.add(new Problem(field + ".cluster", "a cluster cannot fail over to itself"));
      } else if (!seen.add(t.cluster)) {
        problems.add(new Problem(field + ".cluster", "'" + t.cluster + "' is listed more than once"));
      } else if (refs.clustersInNamespace() != null && !refs.clustersInNamespace().contains(t.cluster)) {
        problems.add(
            new Problem(
                field + ".cluster",
                "Cluster '" + t.cluster + "' does not exist in this namespace; known clusters: "
                    + KnownNames.of(refs.clustersInNamespace().stream().filter(c -> !c.equals(self)))));
      }
      if (t.priority != null && t.priority < 0) {
        problems.add(new Problem(field + ".priority", "must be 0 or more, got " + t.priority));
      }
    }
    return problems;
  }

  static Optional<Problem> signals(ClusterSpec spec) {
    SignalsSpec s = spec.signals;
    if (s == null || !hasSource(s)) {
      return Optional.of(new Problem("spec.signals", "name a source of device counts: static or prometheus"));
    }
    if (s.staticSignal != null && s.prometheus != null) {
      return Optional.of(new Problem("spec.signals", "name exactly one source of device counts: static or prometheus, not both"));
    }
    if (s.quorum != null && s.quorum < 1) {
      return Optional.of(new Problem("spec.signals.quorum", "must be 1 or more, got " + s.quorum));
    }
    int observers = s.prometheus == null ? 1 : s.prometheus.size();
    if (s.quorum != null && s.quorum > observers) {
      return Optional.of(
          new Problem(
              "spec.signals.quorum",
              "cannot exceed the number of observers (" + observers + "), got " + s.quorum));
    }
    return Optional.empty();
  }

  /** Whether any signal source is configured; the one place that knows the list of sources. */
  public static boolean hasSource(SignalsSpec s) {
    return s.staticSignal != null || (s.prometheus != null && !s.prometheus.isEmpty());
  }

  static List<Problem> prometheus(ClusterSpec spec) {
    if (spec.signals == null || spec.signals.prometheus == null) {
      return List.of();
    }
    List<SignalsSpec.PrometheusObserver> observers = spec.signals.prometheus;
    List<Problem> problems = new ArrayList<>();
    if (observers.size() > SignalsSpec.MAX_OBSERVERS) {
      problems.add(
          new Problem(
              "spec.signals.prometheus",
              "at most " + SignalsSpec.MAX_OBSERVERS + " observers, got " + observers.size()));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < observers.size(); i++) {
      SignalsSpec.PrometheusObserver o = observers.get(i);
      String field = "spec.signals.prometheus[" + i + "]";
      if (o == null) {
        problems.add(new Problem(field, "is empty: give name, url and connectedQuery"));
        continue;
      }
      if (o.name == null || !OBSERVER_NAME.matcher(o.name).matches()) {
        problems.add(
            new Problem(
                field + ".name",
                "must be lower-case letters, digits and '-' (at most 63), e.g. prometheus-eu-north, got "
                    + quoted(o.name)));
      } else if (!names.add(o.name)) {
        problems.add(new Problem(field + ".name", "'" + o.name + "' is used by another observer"));
      }
      url(o.url).ifPresent(why -> problems.add(new Problem(field + ".url", why)));
      if (o.connectedQuery == null || o.connectedQuery.isBlank()) {
        problems.add(
            new Problem(field + ".connectedQuery", "is required: PromQL for the devices connected now, e.g. sum(...)"));
      }
      if (o.expectedQuery != null && o.expectedQuery.isBlank()) {
        problems.add(new Problem(field + ".expectedQuery", "is blank: remove it or give PromQL"));
      }
      if (o.errorsQuery != null && o.errorsQuery.isBlank()) {
        problems.add(new Problem(field + ".errorsQuery", "is blank: remove it or give PromQL"));
      }
      if (o.timeoutSeconds != null && (o.timeoutSeconds < 1 || o.timeoutSeconds > 60)) {
        problems.add(new Problem(field + ".timeoutSeconds", "must be between 1 and 60, got " + o.timeoutSeconds));
      }
    }
    return problems;
  }

  private static final java.util.regex.Pattern OBSERVER_NAME =
      java.util.regex.Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

  private static Optional<String> url(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("is required: the base URL of a Prometheus server, e.g. http://prometheus:9090");
    }
    try {
      java.net.URI uri = new java.net.URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        return Optional.of("must be an http:// or https:// URL with a host, e.g. http://prometheus:9090, got '" + url + "'");
      }
      return Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.of("is not a URL (" + e.getReason() + "), got '" + url + "'");
    }
  }

  private static String quoted(String s) {
    return s == null ? "nothing" : "'" + s + "'";
  }

  static Optional<Problem> staticCounts(ClusterSpec spec) {
    if (spec.signals == null || spec.signals.staticSignal == null) {
      return Optional.empty();
    }
    SignalsSpec.StaticSignal st = spec.signals.staticSignal;
    if (st.expected < 0 || st.connected < 0 || st.expected > PlausibleCounts.MAX_DEVICES) {
      return Optional.of(
          new Problem("spec.signals.static", "device counts must be from 0 to " + Format.count(PlausibleCounts.MAX_DEVICES) + ", got " + st.expected
              + " expected and " + st.connected + " connected"));
    }
    if (st.connected > st.expected) {
      return Optional.of(
          new Problem(
              "spec.signals.static.connected",
              "cannot exceed expected (" + st.connected + " connected, " + st.expected + " expected)"));
    }
    if (spec.capacity != null && spec.capacity.devices != null && st.connected > spec.capacity.devices) {
      return Optional.of(
          new Problem(
              "spec.signals.static.connected",
              st.connected + (st.connected == 1 ? " device" : " devices") + " connected exceeds spec.capacity.devices (" + spec.capacity.devices + ")"));
    }
    return Optional.empty();
  }

  /** Joins problems into one sentence for a condition message. */
  public static String summary(List<Problem> problems) {
    return String.join("; ", problems.stream().map(Problem::toString).toList()) + ".";
  }

}
