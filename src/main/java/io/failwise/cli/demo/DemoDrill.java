package io.failwise.cli.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.cli.runs.RunReport;
import io.failwise.cli.world.LivingFleet;
import io.failwise.cli.world.Timeline;
import io.failwise.model.run.RunPhase;
import io.failwise.operator.run.ApprovalRequests;
import io.failwise.operator.run.FailoverRuns;
import io.failwise.operator.run.RunStatuses;
import io.failwise.sim.FleetSimulator;
import jakarta.enterprise.context.Dependent;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The demo's second act: a Drill of the regional playbook on a 5% canary of the affected cluster,
 * against the simulated fleet, approved as an on-call engineer would, ending with the run's report.
 */
@Dependent
public class DemoDrill {
  static final String PLAYBOOK = "regional-failover-simulated";

  private final KubernetesClient client;
  private final FailoverRuns runs;
  private final ApprovalRequests approvals;

  public DemoDrill(KubernetesClient client, FailoverRuns runs, ApprovalRequests approvals) {
    this.client = client;
    this.runs = runs;
    this.approvals = approvals;
  }

  /** Runs the drill to its end; returns its final phase. */
  String run(Timeline timeline, LivingFleet world, String namespace, String source) throws Exception {
    FleetSimulator fleet = world.fleet();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("failwise/demo/drill-playbook.yaml")) {
      for (HasMetadata item : client.load(in).items()) {
        client.resource(client.getKubernetesSerialization().convertValue(item, FailoverPlaybook.class)).create();
      }
    }
    FailoverRunSpec.Drill drill = new FailoverRunSpec.Drill();
    drill.maxPercent = 5;
    drill.holdSeconds = 300L;
    FailoverRun run =
        runs.create(
            namespace,
            new FailoverRuns.Request(
                "drill-" + source, PLAYBOOK, source, null, FailoverRunSpec.Mode.Drill, drill,
                "Quarterly failover drill after the 12 March incident: a 5% canary, then fail back.", "failwise demo"));
    String name = run.getMetadata().getName();
    timeline.failwise(fleet.now(), "Drill " + name + " created: the regional playbook on a 5% canary of " + source + ", then fail back.");
    String lastPhase = "";
    String lastStep = "";
    Integer lastWave = null;
    int lastApplied = 0;
    String lastLine = null;
    Instant deadline = fleet.now().plus(Duration.ofHours(3));
    while (fleet.now().isBefore(deadline)) {
      world.tick();
      FailoverRun current = client.resources(FailoverRun.class).inNamespace(namespace).withName(name).get();
      var s = current.getStatus();
      if (s != null && s.phase != null) {
        int applied = RunStatuses.wavesApplied(s);
        if (!s.phase.equals(lastPhase) || !Objects.equals(s.currentStep, lastStep) || !Objects.equals(s.currentWave, lastWave)
            || applied != lastApplied) {
          String line = describe(current);
          if (!line.equals(lastLine)) { // a wave's intent and its application say the same, once
            timeline.failwise(fleet.now(), line);
          }
          lastLine = line;
          lastPhase = s.phase;
          lastStep = s.currentStep;
          lastWave = s.currentWave;
          lastApplied = applied;
        }
        if ("AwaitingApproval".equals(s.phase)) {
          // A FailoverApproval for that step only, as `failwise approve` makes: asking again on a stale read finds the
          // same object (or the step already approved) and changes nothing.
          approvals.ask(namespace, name, "on-call SRE (the demo approves for you)", java.util.List.of(), s.currentStep, null);
        }
        if (RunPhase.parse(s.phase).map(RunPhase::isTerminal).orElse(false)) {
          timeline.plain("");
          timeline.plain(RunReport.markdown(current, true)); // the demo's controller runs on the fleet's clock
          return s.phase;
        }
      }
    }
    timeline.failwise(fleet.now(), "The drill did not finish within 3 simulated hours.");
    return lastPhase;
  }

  /**
   * The feed's line for a run: its phase, then the run's own message, which says what the current
   * step or wave does ("Step failback, wave 1 of 1: 9,000 devices back to A, 0 left at B").
   */
  static String describe(FailoverRun run) {
    var s = run.getStatus();
    StringBuilder sb = new StringBuilder("Drill " + run.getMetadata().getName() + ": " + s.phase);
    boolean messageNamesStep = s.message != null && s.currentStep != null && s.message.startsWith("Step " + s.currentStep);
    if (s.currentStep != null && !messageNamesStep) {
      sb.append(", step ").append(s.currentStep);
    }
    if (s.message != null) {
      sb.append(". ").append(s.message);
    }
    return sb.toString();
  }
}
