package io.failwise.cli.runs;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.Region;
import io.failwise.cli.UserInputException;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.cli.files.SourcedDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The resources in the files given to an offline command, by kind, each with the document it came
 * from. A document that does not convert becomes a problem line instead of stopping the command;
 * kinds this package does not own (Scenario, ConfigMap...) are counted and skipped.
 */
final class ResourceSet {
  /** A resource with where it came from. */
  record Sourced<T>(SourcedDocument doc, T resource) {
    String namespace() {
      return doc.namespace().isEmpty() ? "default" : doc.namespace();
    }
  }

  final List<Sourced<FailoverPlaybook>> playbooks = new ArrayList<>();
  final List<Sourced<FailoverRun>> runs = new ArrayList<>();
  /** The Clusters of the files, estimate Scenario files excepted: the world plan plans against and runs refer to. */
  final List<Sourced<Cluster>> clusters = new ArrayList<>();
  /**
   * The Clusters of estimate Scenario files: each file a world of its own, its Clusters validated against
   * that file's names, never a plan's source or target or a run's reference.
   */
  final List<Sourced<Cluster>> scenarioClusters = new ArrayList<>();
  /** Both, in document order: what validate checks and counts. */
  final List<Sourced<Cluster>> everyCluster = new ArrayList<>();
  final List<Sourced<Region>> regions = new ArrayList<>();
  final List<Sourced<io.failwise.api.FailoverPolicy>> policies = new ArrayList<>();
  final Map<String, Integer> skipped = new TreeMap<>();
  /** The file of each document without a kind: not a Kubernetes object (the simulator's night scripts, say). */
  final List<Path> withoutKind = new ArrayList<>();

  /**
   * What was skipped, for a summary: {@code Scenario (17), 3 documents without a kind (not Kubernetes
   * objects: playbooks/nights/a.yaml, ...)}; empty when nothing was.
   */
  String skippedText() {
    List<String> parts = new ArrayList<>();
    skipped.forEach((kind, n) -> parts.add(kind + " (" + n + ")"));
    if (!withoutKind.isEmpty()) {
      List<String> files = withoutKind.stream().distinct().map(Path::toString).toList();
      String named = files.size() <= 3 ? String.join(", ", files) : String.join(", ", files.subList(0, 3)) + " and " + (files.size() - 3) + " more";
      parts.add(withoutKind.size() + (withoutKind.size() == 1 ? " document" : " documents") + " without a kind (not Kubernetes objects: " + named + ")");
    }
    return String.join(", ", parts);
  }
  final List<String> problems = new ArrayList<>();
  /**
   * The Cluster and Region names of every document outside Scenario files, by namespace, including those
   * the schema refused: a reference to one of them is not "does not exist" (that one's own problem is reported).
   */
  final Map<String, java.util.Set<String>> clusterNames = new java.util.HashMap<>();
  final java.util.Set<String> regionNames = new java.util.HashSet<>();
  /** The same names of each Scenario file, its own world. */
  final Map<Path, Map<String, java.util.Set<String>>> scenarioClusterNames = new java.util.HashMap<>();
  final Map<Path, java.util.Set<String>> scenarioRegionNames = new java.util.HashMap<>();
  /** The files that held at least one document. */
  final java.util.Set<Path> withDocuments = new java.util.LinkedHashSet<>();
  /** The files that did not parse: each is one problem already, not a file without documents. */
  final java.util.Set<Path> unparsable = new java.util.LinkedHashSet<>();
  int files;
  /** The estimate Scenarios among the documents (checked by {@link ScenarioChecks}). */
  int scenarios;

  static ResourceSet read(List<Path> paths) {
    return read(paths, null);
  }

  /**
   * The files, with {@code namespace} (when given) for each namespaced Failwise document that names none, as
   * {@code kubectl apply -n} and kustomize's {@code namespace:} give it: a repository that sets the namespace
   * there got "does not exist in namespace default of the files" for every reference.
   */
  static ResourceSet read(List<Path> paths, String namespace) {
    ResourceSet set = new ResourceSet();
    List<SourcedDocument> docs = ResourceFiles.read(paths, (file, problem) -> {
      set.unparsable.add(file);
      set.problems.add(problem);
    });
    if (namespace != null) {
      docs = docs.stream().map(d -> inNamespace(d, namespace)).toList();
    }
    docs.forEach(d -> set.withDocuments.add(d.file()));
    // An estimate scenario file is a world of its own (its Clusters are that scenario's): not a duplicate of another's.
    docs.stream().filter(d -> d.kind().equals("Scenario")).forEach(d -> set.scenarioFiles.add(d.file()));
    set.files = set.withDocuments.size();
    for (SourcedDocument d : docs) {
      String apiVersion = d.node().path("apiVersion").asText("");
      Optional<String> misnamed = OfflineSchema.misnamed(d);
      if (misnamed.isPresent()) {
        set.problems.add(misnamed.get());
        continue;
      }
      boolean ours = apiVersion.startsWith(Region.GROUP + "/");
      boolean scenario = set.scenarioFiles.contains(d.file());
      if (ours && !d.name().isEmpty() && d.kind().equals("Cluster")) {
        (scenario ? set.scenarioClusterNames.computeIfAbsent(d.file(), f -> new java.util.HashMap<>()) : set.clusterNames)
            .computeIfAbsent(d.namespace().isEmpty() ? "default" : d.namespace(), k -> new java.util.HashSet<>()).add(d.name());
      }
      if (ours && !d.name().isEmpty() && d.kind().equals("Region")) {
        (scenario ? set.scenarioRegionNames.computeIfAbsent(d.file(), f -> new java.util.HashSet<>()) : set.regionNames).add(d.name());
      }
      // The CRD schema is the one source of the bounds of what plan and estimate compute with: a
      // Cluster or Region it refuses is not converted (Jackson would truncate 1.5 to 1, or read 1e-300
      // where the minimum is 0.001). Playbooks and runs are converted first, for their conversion's and their
      // validators' words, and then checked against the schema too (addChecked).
      boolean bounded = ours && (d.kind().equals("Cluster") || d.kind().equals("Region") || d.kind().equals("FailoverPolicy"));
      List<String> schema = bounded ? OfflineSchema.problems(d) : ours && (d.kind().equals("FailoverPlaybook") || d.kind().equals("FailoverRun"))
          ? OfflineSchema.metadataProblems(d).stream().filter(l -> !l.contains(": metadata.name: Required value")).toList() // add() says it
          : List.of();
      // A second definition is not used, but its own mistakes are still named: removing the first copy
      // would otherwise reveal them one run of validate later.
      Optional<String> duplicate = set.duplicate(d, ours);
      if (duplicate.isPresent()) {
        set.problems.add(duplicate.get());
        set.problems.addAll(schema);
        if (schema.isEmpty()) {
          set.checkCopy(d);
        }
        continue;
      }
      if (!schema.isEmpty()) {
        set.problems.addAll(schema);
        continue;
      }
      switch (ours ? d.kind() : "") {
        case "FailoverPlaybook" -> set.addChecked(set.playbooks, d, FailoverPlaybook.class,
            p -> io.failwise.api.validation.PlaybookValidator.validate(p));
        case "FailoverRun" -> set.addChecked(set.runs, d, FailoverRun.class,
            r -> io.failwise.api.validation.RunValidator.validate(r, new io.failwise.api.validation.RunValidator.References(null, null)));
        case "Cluster" -> {
          List<Sourced<Cluster>> world = scenario ? set.scenarioClusters : set.clusters;
          int before = world.size();
          set.add(world, d, Cluster.class);
          if (world.size() > before) {
            set.everyCluster.add(world.get(before));
          }
        }
        case "Region" -> set.add(set.regions, d, Region.class);
        case "FailoverPolicy" -> set.add(set.policies, d, io.failwise.api.FailoverPolicy.class);
        default -> {
          if (d.kind().isEmpty()) {
            set.withoutKind.add(d.file());
          } else if (ours && d.kind().equals("Scenario")) {
            set.scenarios++; // read as estimate reads it (ScenarioChecks)
          } else {
            set.skipped.merge(d.kind(), 1, Integer::sum);
          }
        }
      }
    }
    return set;
  }

  /**
   * A second definition checked as the first is, and kept out of the world plan and estimate compute on:
   * only its schema was checked, so which file's mistakes validate named hung on the order of the files
   * (a playbook's {@code maxTargetUtilization: 150} in the second copy went unsaid).
   */
  private void checkCopy(SourcedDocument d) {
    switch (d.kind()) {
      case "FailoverPlaybook" -> {
        List<Sourced<FailoverPlaybook>> copy = new ArrayList<>();
        addChecked(copy, d, FailoverPlaybook.class, io.failwise.api.validation.PlaybookValidator::validate);
        copy.forEach(p -> io.failwise.api.validation.PlaybookValidator.validate(p.resource())
            .forEach(x -> problems.add(ValidateCommand.line(d.where(), x))));
      }
      case "FailoverRun" -> {
        var refs = new io.failwise.api.validation.RunValidator.References(null, null);
        List<Sourced<FailoverRun>> copy = new ArrayList<>();
        addChecked(copy, d, FailoverRun.class, r -> io.failwise.api.validation.RunValidator.validate(r, refs));
        copy.forEach(r -> io.failwise.api.validation.RunValidator.validate(r.resource(), refs)
            .forEach(x -> problems.add(ValidateCommand.line(d.where(), x))));
      }
      // Its references and counts are checked with every other Cluster's (ClusterChecks), not used as one.
      case "Cluster" -> add(everyCluster, d, Cluster.class);
      default -> {}
    }
  }

  /** {@code d}, in {@code namespace} when it is a namespaced Failwise document that names none (a Region is cluster-scoped). */
  private static SourcedDocument inNamespace(SourcedDocument d, String namespace) {
    boolean ours = d.node().path("apiVersion").asText("").startsWith(Region.GROUP + "/");
    if (!ours || !d.namespace().isEmpty() || d.kind().equals("Region") || d.kind().equals("Scenario") || !d.node().path("metadata").isObject()) {
      return d;
    }
    com.fasterxml.jackson.databind.node.ObjectNode node = d.node().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("metadata")).put("namespace", namespace);
    return new SourcedDocument(d.file(), d.index(), d.item(), node);
  }

  private final Map<String, String> firstDefined = new java.util.HashMap<>();
  private final java.util.Set<Path> scenarioFiles = new java.util.HashSet<>();

  /**
   * A second document of the same kind, namespace and name, wherever it is: the API server would keep
   * only the last applied, and the answer would depend on the order of the files. An estimate Scenario
   * file is a world of its own, its names checked within it (as estimate refuses them).
   */
  private Optional<String> duplicate(SourcedDocument d, boolean ours) {
    if (!ours || d.name().isEmpty()) {
      return Optional.empty();
    }
    String ns = d.namespace().isEmpty() ? "default" : d.namespace();
    String key = d.kind() + " " + (d.kind().equals("Region") ? "" : ns + "/") + d.name();
    String world = scenarioFiles.contains(d.file()) ? d.file() + " " : "";
    String earlier = firstDefined.putIfAbsent(world + key, d.where());
    return earlier == null
        ? Optional.empty()
        : Optional.of(d.where() + ": metadata.name: " + key + " is also defined in " + earlier
            + "; each kind, namespace and name must be defined once (remove or rename one)");
  }

  /**
   * A playbook or run: converted (a value of the wrong shape, an unknown field: the conversion's words,
   * which list what is valid), then checked against its CRD schema and CEL rules as the API server
   * would, which the conversion does not do ("6" is read as 6, 0.001 is below the schema's minimum, a
   * required secretName is missing). A schema error on a field the kind's validator already reports on
   * (with its own words, given by the command) is not said twice.
   */
  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void addChecked(
      List<Sourced<T>> list, SourcedDocument d, Class<T> type, java.util.function.Function<T, List<io.failwise.api.validation.Problem>> validator) {
    int before = list.size();
    int said = problems.size();
    add(list, d, type);
    if (list.size() == before) {
      // Its conversion problem is said, and beside it what the schema finds elsewhere in the document:
      // the conversion stops at its first mistake, and a playbook with four took four runs of validate.
      if (problems.size() == said + 1) {
        problems.addAll(OfflineSchema.besides(d, problems.get(said)));
      }
      return;
    }
    List<io.failwise.api.validation.Problem> found = validator.apply(list.get(before).resource());
    List<String> fields = found.stream().map(io.failwise.api.validation.Problem::field).toList();
    List<io.failwise.api.schema.FieldError> errors = OfflineSchema.specErrors(d);
    // A rule over a whole object or list that holds a value of the wrong type judges what it cannot read
    // (step names must be unique, with a name that is a number): the type error is the problem.
    boolean mistyped = errors.stream().anyMatch(OfflineSchema::mistyped);
    for (io.failwise.api.schema.FieldError e : errors) {
      if (mistyped && !OfflineSchema.mistyped(e) && ("\"object\"".equals(e.value()) || "\"array\"".equals(e.value()))) {
        continue;
      }
      if (fields.stream().noneMatch(f -> covers(f, e.field()) || (e.detail() != null && e.detail().startsWith(f + ": ")))
          && found.stream().noneMatch(p -> sameRule(e, p))) {
        problems.add(d.where() + ": " + e);
      }
    }
  }

  /**
   * Whether a CEL rule over a list ("spec.steps: step names must be unique", on {@code spec}) says what the
   * validator says of one item of it ("spec.steps[4].name: 'shift' is used by an earlier step; step names
   * must be unique"): one mistake, said once, not counted as two problems.
   */
  static boolean sameRule(io.failwise.api.schema.FieldError e, io.failwise.api.validation.Problem p) {
    if (e.detail() == null || !e.detail().contains(": ")) {
      return false;
    }
    String[] rule = e.detail().split(": ", 2);
    return covers(rule[0], p.field()) && p.message().contains(rule[1]);
  }

  /**
   * Whether a validator's problem on {@code said} already speaks of the schema's {@code field}: the same,
   * within it, or an item of it. (A CEL rule on an object that names the field in its message, "spec.drill:
   * bounds a drill only...", speaks of that field too.)
   */
  static boolean covers(String said, String field) {
    return said.equals(field) || field.startsWith(said + ".") || field.startsWith(said + "[") || said.startsWith(field + "[");
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void add(List<Sourced<T>> list, SourcedDocument d, Class<T> type) {
    try {
      T resource = ResourceFiles.convert(d, type);
      if (resource.getMetadata() == null || resource.getMetadata().getName() == null || resource.getMetadata().getName().isBlank()) {
        problems.add(d.where() + ": metadata.name is required");
        return;
      }
      list.add(new Sourced<>(d, resource));
    } catch (UserInputException e) {
      problems.add(e.getMessage());
    }
  }

  /** The Scenario files that hold Clusters, which plan sets aside. */
  java.util.Set<Path> scenarioFilesWithClusters() {
    java.util.Set<Path> files = new java.util.TreeSet<>();
    scenarioClusterNames.keySet().forEach(files::add);
    return files;
  }

  /** The Scenario files that hold no Cluster: a what-if of the Clusters the other files define. */
  java.util.Set<Path> scenarioFilesWithoutClusters() {
    java.util.Set<Path> files = new java.util.TreeSet<>(scenarioFiles);
    files.removeAll(scenarioClusterNames.keySet());
    return files;
  }

  /**
   * Resources of one namespace by name. A name is defined once among the files (a second definition is
   * a problem of its own, so a command that goes on has none): the first document is the only one.
   */
  static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Map<String, T> byName(List<Sourced<T>> list, String namespace) {
    Map<String, T> out = new LinkedHashMap<>();
    for (Sourced<T> s : list) {
      if (s.namespace().equals(namespace)) {
        out.putIfAbsent(s.resource().getMetadata().getName(), s.resource());
      }
    }
    return out;
  }
}
