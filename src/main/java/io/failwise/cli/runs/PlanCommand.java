package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.RunEstimate;
import io.failwise.api.validation.PlaybookValidator;
import io.failwise.api.validation.RunValidator;
import io.failwise.cli.CommandLineSetup;
import io.failwise.cli.UserInputException;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthThresholds;
import io.failwise.model.SameRegion;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.run.Prechecks;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.estimate.Calibrations;
import io.failwise.operator.estimate.PastOutages;
import io.failwise.operator.run.ClusterFacts;
import io.failwise.operator.run.RunEstimates;
import io.failwise.cli.estimate.LoadedScenario;
import io.failwise.model.run.DailyBudget;
import io.failwise.operator.run.RunPlanner;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code failwise plan -f PLAYBOOK -f CLUSTERS...}: what a run would do, offline: the resolved steps,
 * the waves with their paced durations, the prechecks the files allow and the estimate. What a
 * GitOps pipeline shows on a pull request that adds a run or changes a playbook.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show, offline, the plan of a failover or drill: steps, waves paced to the target's admission rate, prechecks and the estimate.",
      "Reads FailoverPlaybooks, Clusters and optionally a FailoverRun from the files; needs no cluster. Exit 2 for bad input."
    })
public class PlanCommand implements Callable<Integer> {
  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "A YAML or JSON file, or a folder (*.yaml, *.yml, *.json) (a List, as kubectl get -o yaml writes, counts as its items); repeat for several.")
  List<Path> files;

  @Option(names = "--run", description = "Plan this FailoverRun from the files (default: the only one, unless --source is given).")
  String runName;

  @Option(names = "--playbook", description = "The playbook (default: the only one in the files).")
  String playbook;

  @Option(names = "--source", description = "The cluster whose devices move.")
  String source;

  @Option(names = "--target", description = "The cluster they move to (default: the failover target the estimate would choose: healthy, with room, least loss).")
  String target;

  @Option(
      names = "--mode",
      defaultValue = "Failover",
      description = "Failover, Drill, or Plan (a run that only plans: a drill with --max-percent or --hold, else a failover)"
          + " (default: ${DEFAULT-VALUE}).")
  FailoverRunSpec.Mode mode;

  @Option(names = "--max-percent", description = "A drill's cap, in percent of the devices (default 5).")
  Integer maxPercent;

  @Option(names = "--hold", description = "How long a drill holds at its cap, e.g. 10m (default 10m).")
  String hold;

  @Option(
      names = "--admission-share",
      defaultValue = "0.8",
      paramLabel = "SHARE",
      description = "Share of admission rates the waves use, above 0 and at most 1 (default: failwise.runs.admission-share of --settings,"
          + " else ${DEFAULT-VALUE}).")
  String admissionShareText;

  @Option(
      names = "--settings",
      paramLabel = "FILE",
      description = "The controller's settings (e.g. manifests/settings/application.properties): refuse, as the controller would, a plan"
          + " whose actions fall outside failwise.allow.objects or failwise.allow.webhooks, and pace and watch the waves with its"
          + " failwise.runs.admission-share and failwise.runs.settle.")
  Path settings;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = "Judge the files as of TIME (RFC 3339, e.g. 2026-03-12T20:40:00Z): the outage's elapsed time, a target's stale"
          + " health, a calibration's date and the freeze windows. For state exported at another moment (a post-mortem, an embedded"
          + " world on its simulated clock). Default: now; in an estimate Scenario's world, its spec.at (the only moment it states).")
  String at;

  @Option(
      names = "--fail-on-precheck",
      description = "Exit 1, after printing the plan, when a precheck fails on the files' counts: for a pipeline that must not merge a"
          + " run its controller would stop at the precheck step. Without it a plan with failed prechecks exits 0 (they show in the plan).")
  boolean failOnPrecheck;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text, json, yaml or markdown (a pull-request comment) (default: ${DEFAULT-VALUE}).")
  Format output;

  /** How plan prints. */
  enum Format {
    text,
    json,
    yaml,
    markdown
  }

  @Spec CommandSpec spec;

  private final FailoverEstimator estimator;
  private final Clock clock;
  private final PastOutages.Learning learning;
  /** The daily budget an estimate Scenario's spec.budget is weighed against (failwise.runs.budget.*). */
  private final DailyBudget budget;

  /** Offline: the documented defaults, learning included. */
  public PlanCommand() {
    this(FailoverEstimator.withDefaults(), Clock.systemUTC(), PastOutages.Learning.DEFAULT, DailyBudget.AZURE_IOT_HUB);
  }

  /** Through Quarkus, when configuration is present: the estimate learns from past outages as the controller is set to. */
  @Inject
  public PlanCommand(FailoverEstimator estimator, Clock clock, FailwiseConfig config) {
    this(estimator, clock, PastOutages.Learning.of(config.estimator()),
        io.failwise.operator.SettingsRefusal.budget(config));
  }

  PlanCommand(FailoverEstimator estimator, Clock clock, PastOutages.Learning learning) {
    this(estimator, clock, learning, DailyBudget.AZURE_IOT_HUB);
  }

  private PlanCommand(FailoverEstimator estimator, Clock clock, PastOutages.Learning learning, DailyBudget budget) {
    this.estimator = estimator;
    this.clock = clock;
    this.learning = learning;
    this.budget = budget;
  }

  /** What plan prints as JSON or YAML. */
  public record Result(FailoverRunSpec run, FailoverRunStatus.Plan plan, List<FailoverRunStatus.Check> prechecks, RunEstimate estimate) {}

  @Override
  public Integer call() {
    now = moment();
    SettingsFile controller = null;
    if (settings != null) {
      // Every mistake of the file at once, as validate --settings says them, not one per try.
      SettingsFile.Checked checked = SettingsFile.check(settings);
      if (checked.settings().isEmpty()) {
        return fail(checked.problems());
      }
      controller = checked.settings().get();
    }
    // The waves' pace and the failback's watch as the controller would set them: --admission-share given wins over the file.
    double admissionShare = controller != null && !given("--admission-share") && controller.admissionShare().isPresent()
        ? controller.admissionShare().get() : AdmissionShares.option(admissionShareText);
    java.time.Duration lossShowsWithin = controller == null ? RunPlanner.DEFAULT_LOSS_SHOWS_WITHIN
        : controller.settle().orElse(RunPlanner.DEFAULT_LOSS_SHOWS_WITHIN);
    ResourceSet set = ResourceSet.read(files);
    List<String> invalid = new ArrayList<>(set.problems);
    ClusterChecks.problems(set, invalid::add); // the same Cluster checks as validate
    if (!invalid.isEmpty()) {
      return fail(invalid);
    }
    PlanWorld planWorld = PlanWorld.of(set, spec.commandLine().getErr());
    List<ResourceSet.Sourced<Cluster>> world = planWorld.clusters();
    Optional<LoadedScenario> scenario = planWorld.scenario();
    now = planWorld.moment(now, at);
    PlannedRun planned = PlannedRun.of(
        new PlannedRun.Options(runName, source, target, playbook, mode, maxPercent, hold, this::given), set, world);
    FailoverRun run = planned.run();
    ResourceSet.Sourced<FailoverRun> fileRun = planned.fileRun();
    String ns = run.getMetadata().getNamespace();
    Map<String, FailoverPlaybook> playbooks = ResourceSet.byName(set.playbooks, ns);
    Map<String, Cluster> clusters = ResourceSet.byName(world, ns);
    // A Scenario's intermittent outage of this source touches its affectedDevices: a shift of the affected
    // devices moves those, as the estimate of the Scenario costs it (not only the ones offline at once).
    // The Scenario's outage is its own source's: for any other source the plan and its estimate go by the files.
    Optional<LoadedScenario> ofSource = scenario.filter(sc -> sc.input().source().name().equals(run.getSpec().source));
    java.util.OptionalLong affected =
        ofSource.map(sc -> java.util.OptionalLong.of(sc.input().outage().affectedDevices())).orElse(java.util.OptionalLong.empty());
    OfflinePlan.Result resolved =
        OfflinePlan.of(run, playbooks, clusters, admissionShare, estimator.config().maxTargetUtilization(), now,
            lossShowsWithin, affected);
    if (resolved.plan().isEmpty()) {
      return fail(resolved.problems().stream().map(p -> PlanProblems.where(p, set, ns, fileRun)).toList());
    }
    FailoverPlaybook pb = resolved.plan().get().playbook();
    ClusterFacts src = resolved.plan().get().source();
    // Judged as a target the way the estimate chose it (TargetHealth): the precheck never fails the target it names.
    ClusterFacts tgt = resolved.plan().get().target().asTarget(clusters.get(resolved.plan().get().target().name()), now);
    FailoverRunStatus.Plan plan = resolved.plan().get().plan();
    // As the controller admits it (RunAdmission): a Drill or Failover into the source's own region is Refused
    // at once; only a Plan is planned, its TargetInAnotherRegion precheck failing. validate refuses it too.
    Optional<String> sameRegion = SameRegion.refusal(src.name(), src.region(), tgt.name(), tgt.region());
    if (sameRegion.isPresent() && run.getSpec().mode != FailoverRunSpec.Mode.Plan) {
      return fail(List.of(PlanProblems.where("run: spec.target: " + sameRegion.get() + ", so the controller refuses the "
          + run.getSpec().mode.name().toLowerCase(java.util.Locale.ROOT) + " at once (phase Refused, reason TargetInSourceRegion); name a cluster"
          + " of another region, or leave spec.target out for the one the estimate chooses", set, ns, fileRun)));
    }
    if (controller != null) {
      Optional<String> refused = controller.refusal(run, plan, tgt.name(), now);
      if (refused.isPresent()) {
        return fail(List.of(refused.get()));
      }
    }
    // One cap for the whole output: the playbook's precheck cap, else the estimator's setting; the estimate uses it too.
    double maxUtilization = RunPlanner.maxUtilization(pb, estimator.config().maxTargetUtilization());
    // A Scenario that states the source's budget (spec.budget) is checked against it, as its estimate weighs it: the
    // prechecks passed while the estimate said the budget was spent, and a pipeline gate would let the run through.
    boolean budgetStated = ofSource.map(sc -> sc.budgetUsed().isPresent()).orElse(false);
    Optional<String> budgetSpent = ofSource.flatMap(sc -> sc.limits(budget).blocks().stream().findFirst()).map(b -> b.reason());
    List<FailoverRunStatus.Check> prechecks =
        Prechecks.evaluate(new Prechecks.Inputs(src.name(), src.region(), tgt.name(), tgt.region(), tgt.health(), tgt.healthMessage(),
                tgt.capacity(), tgt.connected(), tgt.offline(), plan.devicesToMove,
                maxUtilization, budgetSpent, Optional.empty(), Optional.empty()))
            .stream()
            .filter(r -> r.name().startsWith("Target") || r.name().equals("DevicesToMove") || budgetStated && r.name().equals("BudgetLeft"))
            .map(r -> new FailoverRunStatus.Check(r.name(), r.passed(), r.message()))
            .toList();
    FailoverEstimator capped = new FailoverEstimator(estimator.config().withMaxTargetUtilization(maxUtilization));
    Optional<String> runTarget = Optional.ofNullable(run.getSpec().target);
    // The Scenario's outage, counts, recent readings, prior and budget for its own source (what `estimate -f` of the
    // file weighs); any other source is judged from its status, as the controller would.
    RunEstimate estimate =
        ofSource
            .map(sc -> RunEstimates.estimate(capped, sc.input(), sc.limits(budget), clusters.get(src.name()), clusters.values(), runTarget))
            .orElseGet(() -> RunEstimates.estimate(capped, clusters.get(src.name()), src.offline(), clusters.values(), now, learning, runTarget, plan));
    warnAboutCalibration(world, ns, src.name());
    PrintWriter out = spec.commandLine().getOut();
    Result result = new Result(run.getSpec(), plan, prechecks, estimate);
    switch (output) {
      case json -> out.println(Serialization.asJson(result));
      case yaml -> out.print(Serialization.asYaml(result));
      case markdown -> PlanMarkdown.print(out, plan, prechecks, estimate, settings == null ? null : settings.toString());
      default -> PlanText.print(out, plan, prechecks, estimate);
    }
    out.flush();
    List<FailoverRunStatus.Check> failed = prechecks.stream().filter(c -> !Boolean.TRUE.equals(c.passed)).toList();
    if (failOnPrecheck && !failed.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      failed.forEach(c -> err.println("failwise plan: precheck " + c.name + " fails: " + c.message));
      err.flush();
      return 1;
    }
    return 0;
  }

  /**
   * A source calibration dated after now is set aside, as the controller sets it aside (the estimate's
   * explanation says so): one line on stderr naming the file and the field, so that JSON output stays a document.
   */
  private void warnAboutCalibration(List<ResourceSet.Sourced<Cluster>> world, String namespace, String source) {
    world.stream()
        .filter(c -> c.namespace().equals(namespace) && c.resource().getMetadata().getName().equals(source))
        .findFirst()
        .ifPresent(c -> Calibrations.fromTheFuture(c.resource(), now).ifPresent(p -> {
          PrintWriter err = spec.commandLine().getErr();
          err.println("failwise plan: warning: " + c.doc().where() + ": " + p);
          err.flush();
        }));
  }

  /** The moment the plan judges the files at: --at, else now. */
  private java.time.Instant now;

  private java.time.Instant moment() {
    if (at == null) {
      return clock.instant();
    }
    java.time.OffsetDateTime t;
    try {
      t = java.time.OffsetDateTime.parse(at.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new UserInputException("--at " + at + ": not an RFC 3339 time; give e.g. 2026-03-12T20:40:00Z or 2026-03-12T21:40:00+01:00");
    }
    // As estimate's spec.at: RFC 3339 years are 0000-9999, and before 1970 no fleet was online.
    if (t.getYear() < 1970 || t.getYear() > 9999) {
      throw new UserInputException("--at " + at + ": outside the years 1970 to 9999; give e.g. 2026-03-12T20:40:00Z");
    }
    return t.toInstant();
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private int fail(List<String> problems) {
    if (output == Format.markdown) {
      PlanMarkdown.refused(spec.commandLine().getOut(), problems); // for the pull-request comment; stderr says it too
    }
    PrintWriter err = spec.commandLine().getErr();
    problems.forEach(p -> err.println("failwise plan: " + p));
    err.flush();
    return CommandLineSetup.BAD_INPUT;
  }
}
