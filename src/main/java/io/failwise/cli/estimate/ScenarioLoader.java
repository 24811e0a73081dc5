package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.ScenarioFields.bad;
import static io.failwise.cli.estimate.ScenarioFields.budget;
import static io.failwise.cli.estimate.ScenarioFields.pastMinutes;
import static io.failwise.cli.estimate.ScenarioFields.prior;
import static io.failwise.cli.estimate.ScenarioFields.recent;
import static io.failwise.cli.estimate.ScenarioFields.required;
import static io.failwise.cli.estimate.ScenarioFields.time;
import static io.failwise.cli.estimate.ScenarioFields.wholeNumbers;

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
    return load(paths, false);
  }

  /**
   * As {@link #load(List)}, from files that hold other kinds too (a plan's playbooks and runs, a folder's
   * ConfigMaps): those are passed over rather than refused.
   */
  public static LoadedScenario loadAmong(List<Path> paths) {
    return load(paths, true);
  }

  private static LoadedScenario load(List<Path> paths, boolean amongOthers) {
    Set<String> regions = new TreeSet<>();
    Map<String, Located> clusters = new LinkedHashMap<>();
    SourcedDocument scenarioDoc = null;
    for (SourcedDocument doc : ResourceFiles.read(paths)) {
      String apiVersion = doc.node().path("apiVersion").asText("");
      if (amongOthers && (!API_VERSION.equals(apiVersion) || !List.of("Region", "Cluster", Scenario.KIND).contains(doc.kind()))) {
        continue;
      }
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
      var failover = source.cluster().getSpec().failover;
      boolean instantSwitch = failover != null && Long.valueOf(0).equals(failover.cutoverSeconds);
      boolean measured = source.cluster().getStatus() != null && source.cluster().getStatus().calibration != null;
      if (instantSwitch && !measured) {
        // Valid (an instant switch: devices that already know the other endpoint), but a placeholder 0 makes failing over look nearly free.
        warnings.add(source.doc().where() + ": spec.failover.cutoverSeconds: 0, an instant switch: only the targets' admission queue is"
            + " costed; if the switch takes time (IoT Hub failovers took 518-697 s), say how long, or let a drill measure it");
      }
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

  private static void schema(SourcedDocument doc) {
    List<String> problems = io.failwise.cli.runs.OfflineSchema.problems(doc);
    if (!problems.isEmpty()) {
      throw new UserInputException(problems.get(0));
    }
  }
}
