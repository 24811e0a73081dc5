package io.failwise.api.validation;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverSpec;
import io.failwise.api.PlaybookStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a FailoverRun's spec against the playbook and clusters it names: they exist, the target is
 * not the source, a drill (and a source that needs it) has a failback, and a move of only the affected
 * devices is possible at the source's granularity.
 */
public final class RunValidator {
  /**
   * What the run may refer to in its namespace; a null map means "not known here" (the check is
   * skipped), as when validating a folder without clusters in it.
   *
   * @param invalidClusters names of Clusters that are defined but refused for problems of their own (files
   *     that {@code failwise validate} reads): a reference to one is not "does not exist"
   * @param unreadable objects stored on the API server that the controller cannot read (a field of the
   *     wrong type, written before the schema was enforced), as "Kind/name" to the field and what is
   *     wrong: a reference to one is not "does not exist" either
   */
  public record References(
      Map<String, FailoverPlaybook> playbooks, Map<String, Cluster> clusters, Set<String> invalidClusters, Map<String, String> unreadable) {
    public References {
      invalidClusters = invalidClusters == null ? Set.of() : Set.copyOf(invalidClusters);
      unreadable = unreadable == null ? Map.of() : Map.copyOf(unreadable);
    }

    public References(Map<String, FailoverPlaybook> playbooks, Map<String, Cluster> clusters, Set<String> invalidClusters) {
      this(playbooks, clusters, invalidClusters, Map.of());
    }

    public References(Map<String, FailoverPlaybook> playbooks, Map<String, Cluster> clusters) {
      this(playbooks, clusters, Set.of(), Map.of());
    }

    /** "FailoverPlaybook 'x' exists but cannot be read: ...", when the object of that kind and name is unreadable. */
    private Optional<String> unreadable(String kind, String name) {
      return Optional.ofNullable(unreadable.get(kind + "/" + name))
          .map(why -> kind + " '" + name + "' exists but cannot be read (" + why + "); fix or replace it and the run is checked again");
    }
  }

  /** The message of the CRD rule on spec.drill, and of this validator. */
  public static final String DRILL_ONLY =
      "bounds a drill only (mode Drill, or Plan to plan one); mode Failover moves every device: remove spec.drill or set mode: Drill";

  private RunValidator() {}

  private static String missing(String cluster, References refs) {
    Optional<String> unreadable = refs.unreadable("Cluster", cluster);
    if (unreadable.isPresent()) {
      return unreadable.get();
    }
    return refs.invalidClusters().contains(cluster)
        ? "Cluster '" + cluster + "' is invalid (its own problem is reported); the run is checked against it once it is fixed"
        : "Cluster '" + cluster + "' does not exist; known: " + KnownNames.of(refs.clusters().keySet().stream());
  }

  public static List<Problem> validate(FailoverRun run, References refs) {
    FailoverRunSpec spec = run.getSpec();
    if (spec == null) {
      return List.of(new Problem("spec", "is required: playbook, source and mode"));
    }
    List<Problem> problems = new ArrayList<>();
    FailoverPlaybook playbook = null;
    if (blank(spec.playbook)) {
      problems.add(new Problem("spec.playbook", "is required: the name of a FailoverPlaybook in the same namespace"));
    } else if (refs.playbooks() != null) {
      playbook = refs.playbooks().get(spec.playbook);
      if (playbook == null) {
        problems.add(
            new Problem("spec.playbook", refs.unreadable("FailoverPlaybook", spec.playbook).orElse(
                "FailoverPlaybook '" + spec.playbook + "' does not exist; known: " + KnownNames.of(refs.playbooks().keySet().stream()))));
      }
    }
    Cluster source = null;
    if (blank(spec.source)) {
      problems.add(new Problem("spec.source", "is required: the name of the Cluster whose devices move"));
    } else if (refs.clusters() != null) {
      source = refs.clusters().get(spec.source);
      if (source == null) {
        problems.add(new Problem("spec.source", missing(spec.source, refs)));
      }
    }
    if (spec.target != null) {
      if (spec.target.equals(spec.source)) {
        problems.add(new Problem("spec.target", "a cluster cannot fail over to itself"));
      } else if (refs.clusters() != null && !refs.clusters().containsKey(spec.target)) {
        problems.add(new Problem("spec.target", missing(spec.target, refs)));
      }
    } else if (source != null && (source.getSpec() == null || source.getSpec().failover == null
        || source.getSpec().failover.targets == null || source.getSpec().failover.targets.isEmpty())) {
      problems.add(
          new Problem("spec.target", "is required: Cluster '" + spec.source + "' lists no spec.failover.targets to pick from"));
    }
    if (spec.mode == null) {
      problems.add(new Problem("spec.mode", "is required: Plan, Drill or Failover"));
    }
    if (spec.drill != null) {
      if (spec.mode == FailoverRunSpec.Mode.Failover) {
        // Mirrors the CRD's CEL rule on spec (RunCrdRulesTest): a reader of the run would believe the failover capped.
        problems.add(new Problem("spec.drill", DRILL_ONLY));
      }
      if (spec.drill.maxPercent != null && (spec.drill.maxPercent < 1 || spec.drill.maxPercent > 100)) {
        problems.add(new Problem("spec.drill.maxPercent", "must be from 1 to 100, got " + spec.drill.maxPercent));
      }
      if (spec.drill.holdSeconds != null && (spec.drill.holdSeconds < 0 || spec.drill.holdSeconds > 86_400)) {
        problems.add(new Problem("spec.drill.holdSeconds", "must be between 0 and 86400 seconds (a day), got " + spec.drill.holdSeconds));
      }
    }
    if (playbook != null && playbook.getSpec() != null && playbook.getSpec().steps != null) {
      problems.addAll(againstPlaybook(spec, playbook, source));
    }
    return problems;
  }

  private static List<Problem> againstPlaybook(FailoverRunSpec spec, FailoverPlaybook playbook, Cluster source) {
    List<Problem> problems = new ArrayList<>();
    List<PlaybookStep> steps = playbook.getSpec().steps;
    boolean hasFailback = steps.stream().anyMatch(s -> s != null && s.failback != null);
    PlaybookStep shift = steps.stream().filter(s -> s != null && s.shift != null).findFirst().orElse(null);
    String name = playbook.getMetadata().getName();
    if (spec.mode == FailoverRunSpec.Mode.Drill && !hasFailback) {
      problems.add(
          new Problem("spec.mode", "a drill must bring its devices back, but playbook '" + name + "' has no failback step"));
    }
    FailoverSpec failover = source == null || source.getSpec() == null ? null : source.getSpec().failover;
    if (spec.mode == FailoverRunSpec.Mode.Failover && !hasFailback && failover != null
        && Boolean.TRUE.equals(failover.failbackRequired)) {
      problems.add(
          new Problem(
              "spec.playbook",
              "Cluster '" + spec.source + "' has failover.failbackRequired: true, but playbook '" + name + "' has no failback step"));
    }
    if (shift != null && shift.shift.scope == PlaybookStep.Scope.Affected && failover != null
        && failover.granularity != FailoverSpec.Granularity.Device) {
      problems.add(
          new Problem(
              "spec.source",
              "playbook '" + name + "' moves only the affected devices (scope: Affected), which needs"
                  + " failover.granularity: Device, but Cluster '" + spec.source + "' has failover.granularity: " + failover.granularity));
    }
    return problems;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
