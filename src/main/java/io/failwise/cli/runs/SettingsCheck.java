package io.failwise.cli.runs;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code validate --settings}: what the controller would refuse under its allow-lists, offline. Each
 * FailoverRun in the files is planned as the controller would plan it; each FailoverPlaybook is
 * planned once per Cluster of its namespace that has failover targets, as that cluster's Failover
 * (its templates name objects by source and target). The refusal is {@link SettingsFile}'s, which is
 * the controller's {@code RunPermissions} with the file's lists: the same sentence.
 */
final class SettingsCheck {
  /** Share of admission rates the plan uses; pacing does not change which objects a plan touches. */
  private static final double ADMISSION_SHARE = 0.8;

  private SettingsCheck() {}

  static List<String> problems(ResourceSet set, Path settings, Instant now) {
    SettingsFile.Checked checked = SettingsFile.check(settings);
    if (checked.settings().isEmpty()) {
      return checked.problems();
    }
    SettingsFile allowLists = checked.settings().get();
    List<String> problems = new ArrayList<>();
    for (var r : set.runs) {
      String ns = r.namespace();
      refusal(allowLists, r.resource(), ResourceSet.byName(set.playbooks, ns), ResourceSet.byName(set.clusters, ns), now)
          .forEach(why -> problems.add(r.doc().where() + ": spec.playbook: " + why));
    }
    for (var p : set.playbooks) {
      String ns = p.namespace();
      Map<String, FailoverPlaybook> playbooks = ResourceSet.byName(set.playbooks, ns);
      Map<String, Cluster> clusters = ResourceSet.byName(set.clusters, ns);
      Set<String> said = new LinkedHashSet<>();
      for (Cluster source : clusters.values()) {
        if (source.getSpec() == null || source.getSpec().failover == null || source.getSpec().failover.targets.isEmpty()) {
          continue;
        }
        FailoverRun run = run(ns, p.resource().getMetadata().getName(), source.getMetadata().getName());
        for (String why : refusal(allowLists, run, playbooks, clusters, now)) {
          if (said.add(why)) {
            problems.add(p.doc().where() + ": spec.steps: as a failover of " + source.getMetadata().getName() + ": " + why);
          }
        }
      }
    }
    return problems;
  }

  /** The controller's refusal of this run, if it has a plan; a run without one is reported by the other checks. */
  private static List<String> refusal(SettingsFile allowLists, FailoverRun run, Map<String, FailoverPlaybook> playbooks,
      Map<String, Cluster> clusters, Instant now) {
    if (playbooks.isEmpty() || clusters.isEmpty()) {
      return List.of();
    }
    OfflinePlan.Result resolved = OfflinePlan.of(run, playbooks, clusters, ADMISSION_SHARE, io.failwise.model.estimate.EstimatorConfig.DEFAULT.maxTargetUtilization(), now,
        io.failwise.operator.run.RunPlanner.DEFAULT_LOSS_SHOWS_WITHIN);
    if (resolved.plan().isEmpty()) {
      return List.of();
    }
    OfflinePlan plan = resolved.plan().get();
    return allowLists.refusal(run, plan.plan(), plan.target().name(), now).stream().toList();
  }

  private static FailoverRun run(String namespace, String playbook, String source) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withName("validate").withNamespace(namespace).build());
    FailoverRunSpec spec = new FailoverRunSpec();
    spec.playbook = playbook;
    spec.source = source;
    spec.mode = FailoverRunSpec.Mode.Failover;
    run.setSpec(spec);
    return run;
  }
}
