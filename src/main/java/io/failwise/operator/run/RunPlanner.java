package io.failwise.operator.run;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus.Plan;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.PlannedWave;
import io.failwise.api.PlaybookStep;
import io.failwise.api.validation.PlaybookValidator;
import io.failwise.model.Format;
import io.failwise.model.run.Templates;
import io.failwise.model.run.Wave;
import io.failwise.model.run.FailbackProbe;
import io.failwise.model.run.Waves;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a playbook for one run into its plan: the steps in order, a drill's cap and hold, and the
 * waves with the devices each moves and its paced duration. Pure, so that {@code failwise plan}
 * shows offline exactly what the controller will fix in the run's status.
 */
public final class RunPlanner {
  private RunPlanner() {}

  /** The mode the plan is made for: a Plan run plans a drill when it names drill bounds, else a failover. */
  public static Mode plannedMode(FailoverRunSpec spec) {
    if (spec.mode == Mode.Plan || spec.mode == null) {
      return spec.drill != null ? Mode.Drill : Mode.Failover;
    }
    return spec.mode;
  }

  /** Devices the shift moves at its last wave: its scope at the source, capped for a drill. */
  public static long devicesToMove(FailoverRunSpec spec, FailoverPlaybook playbook, ClusterFacts source) {
    Optional<PlaybookStep> shift = shift(playbook);
    if (shift.isEmpty()) {
      return 0;
    }
    long scope = shift.get().shift.scope == PlaybookStep.Scope.Affected ? source.affectedDevices() : source.expected();
    List<Integer> waves = shiftWaves(spec, shift.get());
    return Waves.pace(waves, scope, 1, Duration.ZERO).get(waves.size() - 1).devicesAfter();
  }

  /**
   * The affected devices a shift of scope Affected moves: all of them, or as many as the target has room for
   * under the precheck's cap (the rest stay, as the estimate's move of the affected devices leaves them);
   * all of them when it has no room at all, for the precheck to refuse with the numbers.
   */
  static long affectedThatFit(ClusterFacts source, ClusterFacts target, FailoverPlaybook playbook, double defaultCap) {
    double cap = maxUtilization(playbook, defaultCap);
    long room = (long) Math.floor(target.capacity() * cap) - target.connected() - target.offline();
    long affected = source.affectedDevices();
    return room > 0 && room < affected ? room : affected;
  }

  /**
   * The cap on a target's capacity a run of {@code playbook} plans and prechecks with: its precheck's
   * maxTargetUtilization, else {@code defaultCap} (failwise.estimator.max-target-utilization, what the
   * estimates use).
   */
  public static double maxUtilization(FailoverPlaybook playbook, double defaultCap) {
    return playbook.getSpec().steps.stream()
        .filter(st -> st.precheck != null && st.precheck.maxTargetUtilization != null)
        .map(st -> st.precheck.maxTargetUtilization)
        .findFirst()
        .orElse(defaultCap);
  }

  /** Whether the playbook's shift moves only the affected devices (scope Affected). */
  public static boolean movesAffectedOnly(FailoverPlaybook playbook) {
    return shift(playbook).map(s -> s.shift.scope == PlaybookStep.Scope.Affected).orElse(false);
  }

  /**
   * failwise.runs.settle's default (FailwiseConfig.Runs#settle): 1.5 keep-alives at the Azure IoT SDK's
   * 230 s. What {@code failwise plan}, which reads no controller settings, takes for {@code lossShowsWithin}.
   */
  public static final Duration DEFAULT_LOSS_SHOWS_WITHIN = Duration.ofMinutes(6);

  /** The plan; {@code admissionShare} is the share of each cluster's admission rate the run may use. */
  public static Plan plan(FailoverRunSpec spec, FailoverPlaybook playbook, ClusterFacts source, ClusterFacts target, double admissionShare) {
    return plan(spec, playbook, source, target, admissionShare, null);
  }

  /** The plan, with the sentence saying why its target was chosen, and no canary watch (a world whose losses show at once). */
  public static Plan plan(
      FailoverRunSpec spec, FailoverPlaybook playbook, ClusterFacts source, ClusterFacts target, double admissionShare, String targetChoice) {
    return plan(spec, playbook, source, target, admissionShare, targetChoice, Duration.ZERO,
        io.failwise.model.estimate.EstimatorConfig.DEFAULT.maxTargetUtilization());
  }

  /**
   * The plan. {@code lossShowsWithin} is how long a device lost at a cluster takes to be counted offline
   * there (failwise.runs.settle: its keep-alive and then some): the first and last failback waves are held
   * at least that long, so that the devices the first sends into a source that has not recovered show it
   * before the next wave sends more, and a device that did not reconnect at home shows before the run calls
   * the failback done. The playbook's hold (2 minutes in the shipped one) is shorter than a keep-alive (230 s
   * by the Azure IoT SDK's default): a Failover's canary was waved through into an outage still going on,
   * and a Drill said Succeeded before a device lost on its way home could be counted.
   */
  public static Plan plan(
      FailoverRunSpec spec, FailoverPlaybook playbook, ClusterFacts source, ClusterFacts target, double admissionShare, String targetChoice,
      Duration lossShowsWithin, double defaultCap) {
    Mode mode = plannedMode(spec);
    boolean drill = mode == Mode.Drill;
    FailoverRunSpec.Drill bounds = drillBounds(spec);
    Plan plan = new Plan();
    plan.playbook = playbook.getMetadata().getName();
    plan.playbookGeneration = playbook.getMetadata().getGeneration();
    plan.mode = mode.name();
    plan.source = source.name();
    plan.target = target.name();
    plan.targetChoice = targetChoice;
    plan.sourceDevices = source.expected();
    plan.targetDevicesPerSecond = round(target.devicesPerSecond() * admissionShare);
    plan.sourceDevicesPerSecond = round(source.devicesPerSecond() * admissionShare);
    plan.stopConditions = copyList(playbook.getSpec().stopConditions);
    plan.keep = playbook.getSpec().rollback == null ? new ArrayList<>() : new ArrayList<>(playbook.getSpec().rollback.keep);
    Map<String, String> names = Map.of("source", source.name(), "target", target.name(), "runName", "RUN", "namespace", "NAMESPACE");

    long moved = 0;
    int finalPercent = 0;
    long total = 0;
    for (PlaybookStep step : playbook.getSpec().steps) {
      PlaybookStep.Kind kind = step.kind().orElseThrow();
      if (drill && kind == PlaybookStep.Kind.Failback && bounds.holdSeconds > 0) {
        PlannedStep hold = new PlannedStep();
        hold.name = PlaybookValidator.DRILL_HOLD;
        hold.kind = PlaybookStep.Kind.Verify.name();
        hold.spec = new PlaybookStep(PlaybookValidator.DRILL_HOLD);
        hold.spec.verify = new PlaybookStep.Verify();
        hold.spec.verify.durationSeconds = bounds.holdSeconds;
        hold.estimatedSeconds = bounds.holdSeconds;
        hold.summary = "Hold the drill at " + finalPercent + "% for " + Format.duration(Duration.ofSeconds(bounds.holdSeconds))
            + ", watching the stop conditions.";
        plan.steps.add(hold);
        total += hold.estimatedSeconds;
      }
      PlannedStep ps = new PlannedStep();
      ps.name = step.name;
      ps.kind = kind.name();
      ps.spec = copy(step);
      ps.estimatedSeconds = 0L;
      if (kind == PlaybookStep.Kind.Precheck && ps.spec.precheck.maxTargetUtilization == null) {
        // Unset: the setting the estimates use, written into the plan so that the precheck, its report and
        // every estimate of the run weigh the same room.
        ps.spec.precheck.maxTargetUtilization = defaultCap;
      }
      switch (kind) {
        case Precheck -> ps.summary =
            "Check that " + target.name() + " is in another region, healthy, with room for the devices at "
                + Format.percent(ps.spec.precheck.maxTargetUtilization) + " of its capacity, the daily budget, freeze windows and the halt.";
        case Approval -> ps.summary =
            "Wait for a person to approve (failwise approve)"
                + (step.approval.timeoutSeconds == null ? "" : "; abort after " + Format.duration(Duration.ofSeconds(step.approval.timeoutSeconds)))
                + ".";
        case Scale -> ps.summary =
            "Scale " + step.scale.kind + " " + Templates.render(step.scale.name, names) + " to " + Format.plural(step.scale.replicas, "replica")
                + " and wait until they are ready (at most " + Format.duration(Duration.ofSeconds(step.scale.readyTimeoutSeconds)) + ")."
                + (!drill ? "" : kept(playbook, step.name) ? " It stays scaled after the drill (rollback.keep)."
                    : " Set back to the replicas it had once the drill's devices are home.");
        case Shift -> {
          long scope = step.shift.scope == PlaybookStep.Scope.Affected ? affectedThatFit(source, target, playbook, defaultCap) : source.expected();
          List<Wave> waves =
              Waves.pace(shiftWaves(spec, step), scope, plan.targetDevicesPerSecond, Duration.ofSeconds(step.shift.holdEachWaveSeconds));
          ps.waves = new ArrayList<>();
          for (Wave w : waves) {
            ps.waves.add(wave(w, w.percent(), w.devicesAfter()));
          }
          moved = waves.get(waves.size() - 1).devicesAfter();
          boolean partOfAffected = step.shift.scope == PlaybookStep.Scope.Affected && moved < source.affectedDevices();
          finalPercent = waves.get(waves.size() - 1).percent();
          ps.estimatedSeconds = Waves.total(waves).toSeconds();
          ps.summary =
              "Move " + Format.count(moved) + (partOfAffected ? " of the " + Format.count(source.affectedDevices()) : "")
                  + (step.shift.scope == PlaybookStep.Scope.Affected ? " affected" : "")
                  + ((partOfAffected ? source.affectedDevices() : moved) == 1 ? " device" : " devices") + " of "
                  + source.name() + " to " + target.name() + " in " + Format.plural(waves.size(), "wave") + " (" + percents(waves)
                  + ") paced at " + Format.rate(plan.targetDevicesPerSecond) + ", by "
                  + step.shift.action.type() + ".";
        }
        case Failback -> {
          // A Failover planned while its source had devices offline probes the capacity its outage may have cut (FailbackProbe).
          Optional<FailbackProbe.Probe> probe = drill || source.devices().isEmpty()
              ? Optional.empty()
              : FailbackProbe.of(step.failback.waves, source.expected(), source.offline(), moved);
          List<Integer> percents = probe.map(pr -> FailbackProbe.with(step.failback.waves, pr)).orElse(step.failback.waves);
          List<Wave> waves = Waves.pace(percents, moved, plan.sourceDevicesPerSecond, Duration.ofSeconds(step.failback.holdEachWaveSeconds));
          ps.waves = new ArrayList<>();
          for (Wave w : waves) {
            ps.waves.add(wave(w, finalPercent * (100 - w.percent()) / 100, moved - w.devicesAfter()));
          }
          // The first failback wave (a Failover's canary into a source that may not have recovered), a probe and the
          // last (every device home: a source with less room than before shows it only now) are watched until a lost
          // device can show; the run judges the source after the last one before it calls the failback done.
          long watched = lossShowsWithin.toSeconds();
          boolean watchedAny = false;
          List<PlannedWave> judged = new ArrayList<>(ps.waves.size() > 1 ? List.of(ps.waves.get(0), ps.waves.get(ps.waves.size() - 1)) : ps.waves);
          probe.ifPresent(pr -> judged.add(ps.waves.get(percents.indexOf(pr.percent()))));
          for (PlannedWave w : judged) {
            if (w.durationSeconds - w.pacedSeconds < watched) {
              w.durationSeconds = w.pacedSeconds + watched;
              watchedAny = true;
            }
          }
          ps.estimatedSeconds = ps.waves.stream().mapToLong(w -> w.durationSeconds).sum();
          ps.summary =
              "Move the " + Format.plural(moved, "device") + " back to " + source.name() + " in " + Format.plural(waves.size(), "wave") + " ("
                  + percents(waves) + ") paced at " + Format.rate(plan.sourceDevicesPerSecond)
                  + (drill ? "" : ", once " + source.name() + " is healthy again")
                  + (!watchedAny ? "."
                      : (waves.size() == 1 ? "; the wave is" : "; the first" + (probe.isPresent() ? ", the probe" : "") + " and the last waves are")
                          + " watched " + Format.duration(Duration.ofSeconds(watched))
                          + " (a device lost there is counted offline only once its keep-alive expires).")
                  + probe.map(pr -> " The " + pr.percent() + "% wave is a probe: it takes " + source.name() + " to " + Format.count(pr.sourceDevices())
                      + " devices, at most a canary's worth (" + Format.count(pr.margin()) + ") past the " + Format.count(pr.heldDuringOutage())
                      + " it held connected when the run was planned, in case its outage cut its capacity; the next wave goes only if"
                      + " it is still healthy then.").orElse("");
        }
        case Wait -> {
          ps.estimatedSeconds = step.wait.durationSeconds;
          ps.summary = "Wait " + Format.duration(Duration.ofSeconds(step.wait.durationSeconds)) + ".";
        }
        case Verify -> {
          ps.estimatedSeconds = step.verify.durationSeconds;
          ps.summary = "Watch the stop conditions for " + Format.duration(Duration.ofSeconds(step.verify.durationSeconds)) + ".";
        }
      }
      total += ps.estimatedSeconds;
      plan.steps.add(ps);
    }
    plan.devicesToMove = moved;
    plan.estimatedSeconds = total;
    return plan;
  }

  private static boolean kept(FailoverPlaybook playbook, String step) {
    return playbook.getSpec().rollback != null && playbook.getSpec().rollback.keep != null && playbook.getSpec().rollback.keep.contains(step);
  }

  public static Optional<PlaybookStep> shift(FailoverPlaybook playbook) {
    return playbook.getSpec().steps.stream().filter(s -> s.shift != null).findFirst();
  }

  private static List<Integer> shiftWaves(FailoverRunSpec spec, PlaybookStep shift) {
    boolean drill = plannedMode(spec) == Mode.Drill;
    return drill ? Waves.capAt(shift.shift.waves, drillBounds(spec).maxPercent) : shift.shift.waves;
  }

  /**
   * The run's drill bounds, each left out taking its default: a Drill with no spec.drill (or a field of it
   * null) is a canary of 5% held 10 minutes, as the CRD's defaults make it on the API server, never a
   * canary failed back without being watched.
   */
  static FailoverRunSpec.Drill drillBounds(FailoverRunSpec spec) {
    FailoverRunSpec.Drill bounds = new FailoverRunSpec.Drill();
    if (spec.drill != null && spec.drill.maxPercent != null) {
      bounds.maxPercent = spec.drill.maxPercent;
    }
    if (spec.drill != null && spec.drill.holdSeconds != null) {
      bounds.holdSeconds = spec.drill.holdSeconds;
    }
    return bounds;
  }

  private static PlannedWave wave(Wave w, int targetPercent, long devicesAtTarget) {
    PlannedWave p = new PlannedWave();
    p.percent = w.percent();
    p.targetPercent = targetPercent;
    p.devices = w.devices();
    p.devicesAtTarget = devicesAtTarget;
    p.pacedSeconds = w.paced().toSeconds();
    p.durationSeconds = w.duration().toSeconds();
    return p;
  }

  private static String percents(List<Wave> waves) {
    return String.join(", ", waves.stream().map(w -> w.percent() + "%").toList());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static PlaybookStep copy(PlaybookStep step) {
    return Serialization.jsonMapper().convertValue(step, PlaybookStep.class);
  }

  private static <T> List<T> copyList(List<T> list) {
    if (list == null) {
      return new ArrayList<>();
    }
    List<T> out = new ArrayList<>();
    for (T t : list) {
      @SuppressWarnings("unchecked")
      T c = (T) Serialization.jsonMapper().convertValue(t, t.getClass());
      out.add(c);
    }
    return out;
  }
}
