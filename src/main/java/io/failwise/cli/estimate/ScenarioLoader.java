package io.failwise.cli.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.api.Cluster;
import io.failwise.api.DeviceCounts;
import io.failwise.api.Region;
import io.failwise.api.validation.ClusterValidator;
import io.failwise.api.validation.Problem;
import io.failwise.cli.UserInputException;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.cli.files.SourcedDocument;
import io.failwise.model.Format;
import io.failwise.model.Health;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.OfflineSample;
import io.failwise.model.estimate.Outage;
import io.failwise.operator.estimate.Calibrations;
import io.failwise.operator.estimate.EstimateInputs;
import io.failwise.operator.estimate.InvalidEstimateInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the Regions, Clusters and the one Scenario of {@code failwise estimate}'s files and checks
 * them; every error names the file, the document and the field, and says what would be valid.
 */
public final class ScenarioLoader {
  static final String API_VERSION = Region.GROUP + "/" + Region.VERSION;
  private static final String DEFAULT_NAMESPACE = "default";

  /** A Cluster and the document it came from. */
  private record Located(Cluster cluster, SourcedDocument doc) {
    String namespace() {
      String ns = cluster.getMetadata().getNamespace();
      return ns == null || ns.isBlank() ? DEFAULT_NAMESPACE : ns;
    }

    String name() {
      return cluster.getMetadata().getName();
    }
  }

  private ScenarioLoader() {}

  public static LoadedScenario load(List<Path> paths) {
    Set<String> regions = new TreeSet<>();
    Map<String, Located> clusters = new LinkedHashMap<>();
    SourcedDocument scenarioDoc = null;
    for (SourcedDocument doc : ResourceFiles.read(paths)) {
      String apiVersion = doc.node().path("apiVersion").asText("");
      if (!API_VERSION.equals(apiVersion)) {
        throw bad(doc, "apiVersion", "must be " + API_VERSION + ", got '" + apiVersion + "'");
      }
      if (doc.name().isBlank()) {
        throw bad(doc, "metadata.name", "is required");
      }
      switch (doc.kind()) {
        case "Region" -> {
          schema(doc);
          regions.add(ResourceFiles.convert(doc, Region.class).getMetadata().getName());
        }
        case "Cluster" -> {
          // The CRD schema is the one source of the bounds (an admission rate of 1e-300 would give
          // device-minutes in the quintillions), as for validate and plan.
          schema(doc);
          Located c = new Located(ResourceFiles.convert(doc, Cluster.class), doc);
          Located before = clusters.putIfAbsent(c.namespace() + "/" + c.name(), c);
          if (before != null) {
            throw bad(doc, "metadata.name", "Cluster " + c.name() + " is also defined in " + before.doc().where());
          }
        }
        case Scenario.KIND -> {
          if (scenarioDoc != null) {
            throw bad(doc, "kind", "a second Scenario; estimate takes one, the first is " + scenarioDoc.where());
          }
          scenarioDoc = doc;
        }
        default -> throw bad(doc, "kind", "'" + doc.kind() + "' is not one of Region, Cluster, Scenario");
      }
    }
    if (scenarioDoc == null) {
      throw new UserInputException(
          paths.stream().map(Path::toString).collect(Collectors.joining(", "))
              + ": no document of kind Scenario (apiVersion " + API_VERSION + "; spec.at, spec.outage.cluster, since,"
              + " offlineDevices)");
    }
    for (Located c : clusters.values()) {
      validate(c, regions.isEmpty() ? null : regions, clusters);
    }
    wholeNumbers(scenarioDoc);
    return scenario(scenarioDoc, ResourceFiles.convert(scenarioDoc, Scenario.class), clusters);
  }

  private static LoadedScenario scenario(SourcedDocument doc, Scenario s, Map<String, Located> clusters) {
    Scenario.Spec spec = required(doc, "spec", s.spec, "the moment (at) and the outage");
    OffsetDateTime at = time(doc, "spec.at", spec.at);
    Scenario.OutageSpec o = required(doc, "spec.outage", spec.outage, "cluster, since and offlineDevices");
    String name = required(doc, "spec.outage.cluster", o.cluster, "the metadata.name of the Cluster with the outage");
    OffsetDateTime since = time(doc, "spec.outage.since", o.since);
    long offline = required(doc, "spec.outage.offlineDevices", o.offlineDevices, "the devices the outage has taken offline");
    if (offline < 0) {
      throw bad(doc, "spec.outage.offlineDevices", "must be 0 or more, got " + offline);
    }
    if (o.intermittent != null) {
      throw bad(
          doc,
          "spec.outage.intermittent",
          "is no longer read: offlineDevices is the devices offline at spec.at, as a monitor counts them; for an"
              + " intermittent outage give affectedDevices too (how many devices it touches)");
    }
    long affected = o.affectedDevices == null ? offline : o.affectedDevices;
    if (affected < offline) {
      throw bad(
          doc,
          "spec.outage.affectedDevices",
          Format.count(affected) + " is fewer than offlineDevices (" + Format.count(offline) + "): every offline device is affected");
    }
    List<OfflineSample> recent = recent(doc, o.recent, at);
    if (since.isAfter(at)) {
      throw bad(doc, "spec.outage.since", since + " is after spec.at (" + at + "): the outage must have begun by then");
    }
    if (java.time.Duration.between(since, at).compareTo(Outage.LONGEST) > 0) {
      throw bad(doc, "spec.outage.since", since + " is more than " + Outage.LONGEST.toDays() + " days before spec.at (" + at
          + "): a failover decision is about an outage in progress, not one that began that long ago");
    }
    if (!recent.isEmpty() && java.time.Duration.between(recent.get(0).at(), at.toInstant()).compareTo(Outage.LONGEST) > 0) {
      throw bad(doc, "spec.outage.recent[0].at", recent.get(0).at() + " is more than " + Outage.LONGEST.toDays()
          + " days before spec.at: recent readings are the last hours of the outage");
    }
    DurationPrior prior = prior(doc, spec.durationPrior).fittedTo(pastMinutes(doc, spec.pastOutages, at, since));
    Located source = source(doc, s, name, clusters);
    long expected;
    try {
      expected = EstimateInputs.expectedDevices(source.cluster());
    } catch (InvalidEstimateInputException e) {
      throw bad(source.doc(), e.problem());
    }
    if (offline > expected) {
      throw bad(
          doc,
          "spec.outage.offlineDevices",
          Format.count(offline) + " is more than the " + Format.plural(expected, "device") + " " + name + " expects");
    }
    for (int i = 0; i < recent.size(); i++) {
      long n = recent.get(i).offlineDevices();
      if (n > expected) {
        throw bad(
            doc,
            "spec.outage.recent[" + i + "].offlineDevices",
            Format.count(n) + " is more than the " + Format.count(expected) + " devices " + name + " expects: a reading is 0 to "
                + Format.count(expected));
      }
    }
    if (affected > expected) {
      throw bad(
          doc,
          "spec.outage.affectedDevices",
          Format.count(affected) + " is more than the " + Format.plural(expected, "device") + " " + name + " expects");
    }
    List<Cluster> sameNamespace = new ArrayList<>();
    clusters.values().stream().filter(c -> c.namespace().equals(source.namespace())).forEach(c -> sameNamespace.add(c.cluster()));
    Outage outage = new Outage(since.toInstant(), offline, affected, recent);
    Instant instant = at.toInstant();
    try {
      List<String> warnings = new ArrayList<>();
      // A calibration measured after spec.at is set aside, as the controller sets aside one dated after its clock.
      Calibrations.fromTheFuture(source.cluster(), instant).ifPresent(p -> warnings.add(source.doc().where() + ": " + p));
      warnings.addAll(contradictions(doc, source, offline));
      return new LoadedScenario(
          doc.name(),
          EstimateInputs.from(source.cluster(), sameNamespace, outage, instant, prior, at.getOffset()),
          spec.durationPrior != null,
          at.getOffset(),
          budget(doc, spec.budget),
          source.cluster(),
          warnings);
    } catch (InvalidEstimateInputException e) {
      Located culprit = clusters.get(source.namespace() + "/" + e.cluster());
      throw bad(culprit == null ? source.doc() : culprit.doc(), e.problem());
    }
  }

  /**
   * What in the files disagrees with the Scenario without making it meaningless: the estimate goes on with
   * the Scenario's outage (it is the what-if being asked), and a line on stderr says what else the files claim.
   */
  private static List<String> contradictions(SourcedDocument doc, Located source, long offline) {
    List<String> out = new ArrayList<>();
    var status = source.cluster().getStatus();
    if (status != null && status.devices != null && status.devices.offline != null) {
      long stated = status.devices.offline;
      if (Math.abs(stated - offline) > Math.max(10, 0.1 * Math.max(stated, offline))) {
        out.add(doc.where() + ": " + new Problem("spec.outage.offlineDevices", Format.count(offline) + ", but Cluster "
            + source.name() + "'s status.devices.offline says " + Format.count(stated) + " (" + source.doc().where()
            + "); the Scenario's count is used"));
      }
    }
    if (status != null && "Healthy".equals(status.health) && offline > 0) {
      out.add(source.doc().where() + ": " + new Problem("status.health", "Healthy, but the Scenario describes an outage of "
          + source.name() + " with " + Format.plural(offline, "device") + " offline; the Scenario's outage is used"));
    }
    // A reading before spec.outage.since is not one: the count before the onset is what a rise is measured from.
    return out;
  }

  /** The earlier readings: each a time before spec.at, oldest first, and a count of 0 or more. */
  private static List<OfflineSample> recent(SourcedDocument doc, List<Scenario.SampleSpec> samples, OffsetDateTime at) {
    List<OfflineSample> out = new ArrayList<>();
    if (samples == null) {
      return out;
    }
    for (int i = 0; i < samples.size(); i++) {
      String field = "spec.outage.recent[" + i + "]";
      Scenario.SampleSpec s = required(doc, field, samples.get(i), "{at, offlineDevices}");
      OffsetDateTime when = time(doc, field + ".at", s.at);
      long n = required(doc, field + ".offlineDevices", s.offlineDevices, "the devices offline then");
      if (n < 0) {
        throw bad(doc, field + ".offlineDevices", "must be 0 or more, got " + n);
      }
      if (!when.isBefore(at)) {
        throw bad(doc, field + ".at", when + " is not before spec.at (" + at + "): recent readings come before the assessment");
      }
      if (!out.isEmpty() && !when.toInstant().isAfter(out.get(out.size() - 1).at())) {
        throw bad(doc, field + ".at", when + " is not after the reading before it: list the readings oldest first");
      }
      out.add(new OfflineSample(when.toInstant(), n));
    }
    return out;
  }

  private static Located source(SourcedDocument doc, Scenario s, String name, Map<String, Located> clusters) {
    String namespace = s.metadata == null ? null : s.metadata.getNamespace();
    List<Located> matches =
        clusters.values().stream()
            .filter(c -> c.name().equals(name))
            .filter(c -> namespace == null || namespace.isBlank() || c.namespace().equals(namespace))
            .toList();
    if (matches.isEmpty()) {
      Set<String> known = clusters.values().stream().map(Located::name).collect(Collectors.toCollection(TreeSet::new));
      throw bad(
          doc,
          "spec.outage.cluster",
          "Cluster '" + name + "' is not in the files" + (namespace == null ? "" : " (namespace " + namespace + ")")
              + "; clusters given: " + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    }
    if (matches.size() > 1) {
      throw bad(doc, "spec.outage.cluster", "'" + name + "' is in several namespaces; set the Scenario's metadata.namespace");
    }
    return matches.get(0);
  }

  /** spec.budget: both counts 0 or more; a missing one is 0. */
  private static Optional<LoadedScenario.BudgetUsed> budget(SourcedDocument doc, Scenario.BudgetSpec b) {
    if (b == null) {
      return Optional.empty();
    }
    if (b.failoversToday == null && b.failbacksToday == null) {
      throw bad(doc, "spec.budget", "give failoversToday and/or failbacksToday (operations in the last 24 h, 0 or more)");
    }
    int failovers = b.failoversToday == null ? 0 : b.failoversToday;
    int failbacks = b.failbacksToday == null ? 0 : b.failbacksToday;
    if (failovers < 0) {
      throw bad(doc, "spec.budget.failoversToday", "must be 0 or more, got " + failovers);
    }
    if (failbacks < 0) {
      throw bad(doc, "spec.budget.failbacksToday", "must be 0 or more, got " + failbacks);
    }
    return Optional.of(new LoadedScenario.BudgetUsed(failovers, failbacks));
  }

  private static DurationPrior prior(SourcedDocument doc, Scenario.PriorSpec p) {
    if (p == null) {
      return DurationPrior.DEFAULT;
    }
    double median = required(doc, "spec.durationPrior.medianMinutes", p.medianMinutes, "the median outage in minutes");
    double p90 = required(doc, "spec.durationPrior.p90Minutes", p.p90Minutes, "the 90th-percentile outage in minutes");
    DurationPrior.statedProblem(median, p90).ifPresent(problem -> {
      throw bad(doc, "spec.durationPrior." + problem.field(), problem.message());
    });
    return new DurationPrior(median, p90);
  }

  /**
   * spec.pastOutages: the durations, in minutes, of the fleet's ended outages, each with a start and an
   * end after it, ended by spec.at (an outage cannot have ended after the moment being estimated).
   */
  private static List<Double> pastMinutes(SourcedDocument doc, List<Scenario.PastOutageSpec> past, OffsetDateTime at, OffsetDateTime since) {
    List<Double> out = new ArrayList<>();
    if (past == null) {
      return out;
    }
    if (past.size() > MOST_PAST_OUTAGES) {
      throw bad(doc, "spec.pastOutages", Format.count(past.size()) + " outages; give at most " + Format.count(MOST_PAST_OUTAGES)
          + " (the most recent: beyond that the stated prior weighs next to nothing)");
    }
    for (int i = 0; i < past.size(); i++) {
      String field = "spec.pastOutages[" + i + "]";
      Scenario.PastOutageSpec p = required(doc, field, past.get(i), "{start, end}, RFC 3339 times");
      required(doc, field + ".start", p.start, "when the outage began, an RFC 3339 time such as 2026-03-12T21:40:00+01:00");
      required(doc, field + ".end", p.end, "when the outage ended, an RFC 3339 time such as 2026-03-12T23:40:00+01:00");
      OffsetDateTime start = time(doc, field + ".start", p.start);
      OffsetDateTime end = time(doc, field + ".end", p.end);
      if (!end.isAfter(start)) {
        throw bad(doc, field + ".end", end + " is not after start (" + start + "): an ended outage ends after it begins");
      }
      if (end.isAfter(at)) {
        throw bad(doc, field + ".end", end + " is after spec.at (" + at + "): a past outage must have ended by the moment"
            + " being estimated");
      }
      if (end.isAfter(since)) {
        throw bad(doc, field + ".end", end + " is after the current outage began (spec.outage.since " + since + "): a past outage"
            + " ended before this one; if it is this outage, remove it from spec.pastOutages");
      }
      java.time.Duration lasted = java.time.Duration.between(start, end);
      if (lasted.compareTo(Outage.LONGEST) > 0) {
        // Most likely a mistyped date; taken as it is, one such entry would stretch the prior's tail for every estimate.
        throw bad(doc, field + ".end", end + " is more than " + Outage.LONGEST.toDays() + " days after start (" + start
            + "): check the dates; an outage is at most " + Outage.LONGEST.toDays() + " days here, as for spec.outage.since");
      }
      out.add(lasted.toMillis() / 60_000.0);
    }
    return out;
  }

  /**
   * The Scenario's counts of devices and of operations are whole numbers: read into a whole-number field,
   * 0.9 offline devices would silently become 0 and 1.9 failovers 1.
   */
  private static void wholeNumbers(SourcedDocument doc) {
    JsonNode spec = doc.node().path("spec");
    JsonNode outage = spec.path("outage");
    whole(doc, "spec.outage.offlineDevices", outage.path("offlineDevices"));
    whole(doc, "spec.outage.affectedDevices", outage.path("affectedDevices"));
    JsonNode recent = outage.path("recent");
    for (int i = 0; i < recent.size(); i++) {
      whole(doc, "spec.outage.recent[" + i + "].offlineDevices", recent.path(i).path("offlineDevices"));
    }
    whole(doc, "spec.budget.failoversToday", spec.path("budget").path("failoversToday"));
    whole(doc, "spec.budget.failbacksToday", spec.path("budget").path("failbacksToday"));
    // Beyond what the fields hold: said with their own range, before the conversion names Java's types.
    String cluster = outage.path("cluster").asText("the outage's cluster");
    String devices = "a count of devices, 0 to the devices " + (cluster.isBlank() ? "the outage's cluster" : cluster) + " expects";
    atMost(doc, "spec.outage.offlineDevices", outage.path("offlineDevices"), Long.MAX_VALUE, devices);
    atMost(doc, "spec.outage.affectedDevices", outage.path("affectedDevices"), Long.MAX_VALUE, devices);
    for (int i = 0; i < recent.size(); i++) {
      atMost(doc, "spec.outage.recent[" + i + "].offlineDevices", recent.path(i).path("offlineDevices"), Long.MAX_VALUE, devices);
    }
    String operations = "a whole number from 0 to " + Format.count(Integer.MAX_VALUE) + " (operations of the source in the last 24 hours)";
    atMost(doc, "spec.budget.failoversToday", spec.path("budget").path("failoversToday"), Integer.MAX_VALUE, operations);
    atMost(doc, "spec.budget.failbacksToday", spec.path("budget").path("failbacksToday"), Integer.MAX_VALUE, operations);
  }

  private static void whole(SourcedDocument doc, String field, JsonNode n) {
    if (n.isNumber() && !n.isIntegralNumber() && (!Double.isFinite(n.doubleValue()) || n.doubleValue() != Math.rint(n.doubleValue()))) {
      throw bad(doc, field, "must be a whole number (a count, 0 or more), got " + n.asText());
    }
  }

  /**
   * A whole number beyond what its field holds (above {@code max}, or below its negative): refused with what
   * is valid, {@code valid}. A negative one that fits is refused later, as "must be 0 or more".
   */
  private static void atMost(SourcedDocument doc, String field, JsonNode n, long max, String valid) {
    java.math.BigInteger v = n.isNumber() ? n.bigIntegerValue() : java.math.BigInteger.ZERO;
    if (v.compareTo(java.math.BigInteger.valueOf(max)) > 0 || v.compareTo(java.math.BigInteger.valueOf(-max - 1)) < 0) {
      throw bad(doc, field, "must be " + valid + ", got " + n.asText());
    }
  }

  /** The most past outages a Scenario may list. */
  static final int MOST_PAST_OUTAGES = 1_000;

  private static void validate(Located c, Set<String> regions, Map<String, Located> clusters) {
    Set<String> sameNamespace =
        clusters.values().stream().filter(o -> o.namespace().equals(c.namespace())).map(Located::name).collect(Collectors.toSet());
    List<Problem> problems = new ArrayList<>(ClusterValidator.validate(c.cluster(), new ClusterValidator.References(regions, sameNamespace)));
    DeviceCounts d = c.cluster().getStatus() == null ? null : c.cluster().getStatus().devices;
    if (d != null) {
      countProblem("status.devices.expected", d.expected).ifPresent(problems::add);
      countProblem("status.devices.connected", d.connected).ifPresent(problems::add);
      countProblem("status.devices.offline", d.offline).ifPresent(problems::add);
      contradiction(d).ifPresent(problems::add);
    }
    // The controller ignores a calibration out of its bounds; the estimate refuses it, so what it prints is what was given.
    problems.addAll(Calibrations.problems(c.cluster()));
    String health = c.cluster().getStatus() == null ? null : c.cluster().getStatus().health;
    if (health != null && Arrays.stream(Health.values()).noneMatch(h -> h.displayName().equals(health))) {
      // Read as it was, an unknown word would silently make a target unhealthy.
      problems.add(new Problem(
          "status.health",
          "'" + health + "' is not one of " + Arrays.stream(Health.values()).map(Health::displayName).collect(Collectors.joining(", "))));
    }
    if (!problems.isEmpty()) {
      throw new UserInputException(c.doc().where() + ": " + String.join("; ", problems.stream().map(Problem::toString).toList()));
    }
  }

  /** status.devices counts that cannot all be true: more connected, or connected and offline, than expected. */
  private static Optional<Problem> contradiction(DeviceCounts d) {
    if (d.expected == null || d.expected < 0) {
      return Optional.empty();
    }
    long connected = d.connected == null || d.connected < 0 ? 0 : d.connected;
    long offline = d.offline == null || d.offline < 0 ? 0 : d.offline;
    if (connected > d.expected) {
      return Optional.of(new Problem(
          "status.devices.connected",
          Format.count(connected) + " is more than the " + Format.count(d.expected) + " status.devices.expected: connected is 0 to expected"));
    }
    if (connected + offline > d.expected) {
      return Optional.of(new Problem(
          "status.devices.offline",
          Format.count(offline) + " offline and " + Format.count(connected) + " connected are more than the " + Format.count(d.expected)
              + " status.devices.expected: offline is at most expected minus connected (" + Format.count(d.expected - connected) + ")"));
    }
    return Optional.empty();
  }

  private static Optional<Problem> countProblem(String field, Long n) {
    return n != null && n < 0 ? Optional.of(new Problem(field, "must be 0 or more, got " + n)) : Optional.empty();
  }

  private static OffsetDateTime time(SourcedDocument doc, String field, String text) {
    required(doc, field, text, "an RFC 3339 time such as 2026-03-12T21:40:00+01:00");
    OffsetDateTime t;
    try {
      t = OffsetDateTime.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw bad(doc, field, "'" + text + "' is not an RFC 3339 time such as 2026-03-12T21:40:00+01:00");
    }
    // RFC 3339 years are 0000-9999; before 1970 no fleet was online. Times outside would overflow the
    // arithmetic on minutes into numbers nobody could read.
    if (t.getYear() < 1970 || t.getYear() > 9999) {
      throw bad(doc, field, "'" + text + "' is outside the years 1970 to 9999");
    }
    return t;
  }

  private static void schema(SourcedDocument doc) {
    List<String> problems = io.failwise.cli.runs.OfflineSchema.problems(doc);
    if (!problems.isEmpty()) {
      throw new UserInputException(problems.get(0));
    }
  }

  private static <T> T required(SourcedDocument doc, String field, T value, String what) {
    if (value == null || (value instanceof String str && str.isBlank())) {
      throw bad(doc, field, "is required: " + what);
    }
    return value;
  }

  private static UserInputException bad(SourcedDocument doc, String field, String message) {
    return bad(doc, new Problem(field, message));
  }

  private static UserInputException bad(SourcedDocument doc, Problem problem) {
    return new UserInputException(doc.where() + ": " + problem);
  }
}
