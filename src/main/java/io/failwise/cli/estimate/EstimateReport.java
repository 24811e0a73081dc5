package io.failwise.cli.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.failwise.cli.Table;
import io.failwise.model.Format;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.OptionEstimate;
import io.failwise.model.estimate.OutageOutlook;
import io.failwise.model.estimate.Sensitivity;
import io.failwise.operator.estimate.Calibrations;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints an estimate as text for a person, or as JSON or YAML for a pipeline. */
public final class EstimateReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);
  private static final DateTimeFormatter WHEN_TO_THE_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

  private final LoadedScenario scenario;
  private final Estimate estimate;
  private final Sensitivity sensitivity;

  /** Why a failover would go where it would, or why nowhere: the same sentence {@code failwise plan} prints. */
  private final String targetChoice;

  public EstimateReport(LoadedScenario scenario, Estimate estimate, Sensitivity sensitivity, double maxTargetUtilization) {
    this.scenario = scenario;
    this.estimate = estimate;
    this.sensitivity = sensitivity;
    EstimateInput in = scenario.input();
    // A cluster with no devices moves none: no target to choose (the FAILOVER row says why).
    String why = in.targets().isEmpty() || in.source().expectedDevices() == 0 ? null
        : io.failwise.model.estimate.TargetChoice.forMove(in, devicesMoved(in, estimate), maxTargetUtilization).why();
    this.targetChoice = why != null && partial(estimate) && why.endsWith(".")
        ? why.substring(0, why.length() - 1) + io.failwise.model.estimate.TargetChoice.PARTIAL_COST + "." : why;
  }

  /** Whether the move the Target line speaks of leaves some of the devices it is for behind (no room for them). */
  private static boolean partial(Estimate estimate) {
    io.failwise.model.estimate.Recommendation move = moveOf(estimate);
    return estimate.options().stream().anyMatch(o -> o.option() == move && o.feasible() && o.partial());
  }

  private static io.failwise.model.estimate.Recommendation moveOf(Estimate estimate) {
    return estimate.recommendation() != io.failwise.model.estimate.Recommendation.HOLD
        ? estimate.recommendation()
        : estimate.breakEven().option().orElse(io.failwise.model.estimate.Recommendation.FAILOVER);
  }

  /**
   * The devices of the move the estimate speaks of: the recommended one, or while holding the one its
   * break-even weighs; the whole cluster when none moves any. A partial move of the affected devices
   * (40,000 of 60,000, the room there is) is that many, not the cluster: costing the whole cluster, the
   * Target line said no target had room beside a FAILOVER_AFFECTED that fits (an outside pass).
   */
  private static long devicesMoved(EstimateInput in, Estimate estimate) {
    io.failwise.model.estimate.Recommendation move = moveOf(estimate);
    return estimate.options().stream()
        .filter(o -> o.option() == move && o.feasible() && o.devicesMoved() > 0)
        .mapToLong(o -> o.devicesMoved())
        .findFirst()
        .orElse(in.source().expectedDevices());
  }

  public void printJson(PrintWriter out) {
    out.println(write(JSON));
  }

  public void printYaml(PrintWriter out) {
    out.print(write(YAML));
  }

  private String write(ObjectMapper mapper) {
    try {
      return mapper.writeValueAsString(tree());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the estimate", e);
    }
  }

  /** The document the json and yaml outputs print; keys in reading order. */
  Map<String, Object> tree() {
    EstimateInput in = scenario.input();
    OutageOutlook outlook = estimate.outlook();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", scenario.name());
    root.put("cluster", in.source().name());
    root.put("at", time(in.at()));
    root.put("recommendation", estimate.recommendation().name());
    root.put("target", estimate.target().orElse(null));
    root.put("targetChoice", targetChoice);
    root.put("explanation", explanation());
    root.put(
        "blocked",
        estimate.blocked()
            .map(b -> ordered(
                "option", b.option().name(),
                "target", b.target(),
                "cause", b.block().cause().name(),
                "reason", b.block().reason(),
                "until", b.block().until().map(this::time).orElse(null)))
            .orElse(null));
    Map<String, Object> breakEven = new LinkedHashMap<>();
    breakEven.put("option", estimate.breakEven().option().map(Enum::name).orElse(null));
    breakEven.put("minutes", estimate.breakEven().minutes().isPresent() ? tenth(estimate.breakEven().minutes().getAsDouble()) : null);
    breakEven.put("probability", Math.round(estimate.breakEven().probability() * 10_000) / 10_000.0);
    root.put("breakEven", breakEven);
    root.put("flipsAt", estimate.flipsAt().map(this::time).orElse(null));
    var w = estimate.waiting();
    root.put(
        "waiting",
        ordered(
            "stepMinutes", tenth(w.stepMinutes()),
            "stepDeviceMinutes", Math.round(w.stepDeviceMinutes()),
            "endsWithinStepProbability", Math.round(w.endsWithinStepProbability() * 10_000) / 10_000.0,
            // During a rise the explanation quotes the chance it levels off within the step: the same number here.
            "levelsOffWithinStepProbability",
            estimate.trend().kind() == io.failwise.model.estimate.Trend.Kind.GROWING
                ? Math.round(estimate.trend().levelsOffWithin(w.stepMinutes()) * 10_000) / 10_000.0
                : null,
            "holdThenDecideMean", Math.round(w.holdThenDecideMean()),
            "actNowMean", Double.isFinite(w.actNowMean()) ? Math.round(w.actNowMean()) : null,
            "holdForeverMean", Math.round(w.holdForeverMean())));
    root.put("reevaluateAt", time(estimate.reevaluateAt()));
    root.put(
        "turnsWith",
        ordered(
            "cutover",
            sensitivity.cutover().map(t -> ordered("to", t.to().name(), "medianSeconds", Math.round(t.value()), "nowSeconds", Math.round(t.now())))
                .orElse(null),
            "offline",
            sensitivity.offline().map(t -> ordered("to", t.to().name(), "devices", Math.round(t.value()), "nowDevices", Math.round(t.now())))
                .orElse(null)));
    Map<String, Object> outage = new LinkedHashMap<>();
    outage.put("since", time(in.outage().since()));
    outage.put("elapsedMinutes", tenth(outlook.elapsedMinutes()));
    outage.put("offlineDevices", in.outage().offlineDevices());
    outage.put("affectedDevices", in.outage().affectedDevices());
    outage.put(
        "trend",
        ordered(
            "kind", estimate.trend().kind().name(),
            "devicesPerMinute", tenth(estimate.trend().devicesPerMinute()),
            "riseMinutes", estimate.trend().kind() == io.failwise.model.estimate.Trend.Kind.GROWING ? tenth(estimate.trend().riseMinutes()) : null));
    outage.put(
        "remainingMinutes",
        ordered("mean", tenth(outlook.meanMinutes()), "median", tenth(outlook.medianMinutes()), "p90", tenth(outlook.p90Minutes())));
    root.put("outage", outage);
    root.put(
        "durationPrior",
        ordered(
            "medianMinutes", in.prior().medianMinutes(),
            "p90Minutes", in.prior().p90Minutes(),
            "source", priorSource(),
            "pastOutages", in.prior().pastOutages(),
            "kinds", kinds()));
    List<Map<String, Object>> options = new ArrayList<>();
    for (OptionEstimate o : estimate.options()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("option", o.option().name());
      m.put("feasible", o.feasible());
      m.put("target", o.target().orElse(null));
      m.put("partial", o.partial());
      m.put("devicesNotFitting", o.devicesNotFitting());
      m.put("devicesDisrupted", o.devicesDisrupted());
      m.put("devicesMoved", o.devicesMoved());
      m.put(
          "deviceMinutes",
          o.feasible()
              ? ordered(
                  "mean", Math.round(o.deviceMinutesMean()),
                  "p90", Math.round(o.deviceMinutesP90()),
                  "fixed", Math.round(o.loss().fixed()),
                  "perOutageMinute", Math.round(o.loss().perOutageMinute()))
              : null);
      m.put("recoveryMinutes", o.feasible() ? tenth(o.recoveryMinutes()) : null);
      m.put("reason", o.reason());
      options.add(m);
    }
    root.put("options", options);
    return root;
  }

  public void printText(PrintWriter out) {
    EstimateInput in = scenario.input();
    OutageOutlook outlook = estimate.outlook();
    out.printf(
        "%s at %s: outage for %s, %s offline%s%n",
        in.source().name(),
        WHEN.format(in.at().atOffset(scenario.offset())),
        Format.minutes(outlook.elapsedMinutes()),
        Format.plural(in.outage().offlineDevices(), "device"),
        in.outage().intermittent() ? " (of " + Format.count(in.outage().affectedDevices()) + " intermittently affected)" : "");
    out.println(remainingOutage(in, outlook));
    out.println();
    Table table = new Table("OPTION", "FEASIBLE", "TARGET", "DISRUPTED", "MOVED", "DEVICE-MIN MEAN", "DEVICE-MIN P90", "RECOVERY", "NOTE");
    for (OptionEstimate o : estimate.options()) {
      table.row(
          o.option().name(),
          o.feasible() ? (o.partial() ? "partial" : "yes") : "no",
          o.target().orElse("-"),
          o.feasible() ? Format.count(o.devicesDisrupted()) : "-",
          o.feasible() ? Format.count(o.devicesMoved()) : "-",
          o.feasible() ? Format.count(Math.round(o.deviceMinutesMean())) : "-",
          o.feasible() ? Format.count(Math.round(o.deviceMinutesP90())) : "-",
          o.feasible() ? Format.minutes(o.recoveryMinutes()) : "-",
          o.reason());
    }
    table.print(out);
    out.println();
    out.println("Recommendation: " + estimate.recommendation() + estimate.target().map(t -> " to " + t).orElse(""));
    if (targetChoice != null) {
      out.println("Target:         " + targetChoice);
    }
    estimate.blocked().ifPresent(b -> out.println("Blocked:        " + b.option() + " to " + b.target() + ": " + b.block().reason()));
    out.println("Break-even:     " + breakEvenText());
    var w = estimate.waiting();
    out.println(
        "Waiting:        hold " + Format.minutes(w.stepMinutes()) + " and decide again: " + Format.count(Math.round(w.holdThenDecideMean()))
            + " device-minutes expected; act now: "
            + (Double.isFinite(w.actNowMean()) ? Format.count(Math.round(w.actNowMean())) : "not feasible"));
    estimate.flipsAt().ifPresent(f -> out.println("Flips at:       " + when(f) + " if the outage goes on as it is"));
    out.println("Re-evaluate at: " + when(estimate.reevaluateAt()));
    out.println("Turns with:     " + sensitivity.text());
    out.println();
    out.println(explanation());
    out.flush();
  }

  /**
   * The "Remaining outage" line: the prior's outlook, or, while the count falls, the recovery the estimate
   * follows first. A recovering outage said "expected 3 h 37 min" here and "back by about 21:53" in the
   * explanation: two end stories in one answer. The prior's figures stay, said as what they are.
   */
  private String remainingOutage(EstimateInput in, OutageOutlook outlook) {
    String prior = String.format(Locale.ROOT, "prior median %s, p90 %s%s", Format.minutes(in.prior().medianMinutes()),
        Format.minutes(in.prior().p90Minutes()), priorText());
    String figures = String.format(Locale.ROOT, "expected %s, median %s, p90 %s", Format.minutes(outlook.meanMinutes()),
        Format.minutes(outlook.medianMinutes()), Format.minutes(outlook.p90Minutes()));
    var t = estimate.trend();
    if (t.kind() != io.failwise.model.estimate.Trend.Kind.RECOVERING) {
      return "Remaining outage (" + prior + "): " + figures;
    }
    String rate = Format.plural(Math.round(-t.devicesPerMinute()), "device") + " a minute";
    String now = t.offlineNow() == 0
        ? "recovered, the count fell to none by " + rate
        : "recovering at " + rate + ", none offline "
            + (t.minutesToZero() < 1 ? "within a minute" : "by about " + Format.time(in.at().plusSeconds(Math.round(t.minutesToZero() * 60)), in.at(), in.zone()))
            + " at this rate";
    return "Remaining outage: " + now + ", which the estimate follows (by the " + prior + ": " + figures + ")";
  }

  /** The estimate's explanation with what the controller adds: the source's calibration, used or set aside. */
  private String explanation() {
    return Calibrations.explained(estimate.explanation(), scenario.source(), scenario.input().at(), scenario.input().zone());
  }

  /**
   * Where the duration prior comes from: {@code scenario} (spec.durationPrior) or {@code default}, with
   * {@code +pastOutages} when it was learned from spec.pastOutages.
   */
  private String priorSource() {
    return (scenario.priorFromScenario() ? "scenario" : "default") + (scenario.input().prior().pastOutages() > 0 ? "+pastOutages" : "");
  }

  /**
   * A prior of two kinds of outage, part by part: the stated prior's (pastOutages 0, weighing as the
   * outages the stated prior counts for) and each kind's; empty for one lognormal.
   */
  private List<Map<String, Object>> kinds() {
    List<Map<String, Object>> parts = new ArrayList<>();
    for (DurationPrior.Kind k : scenario.input().prior().kinds()) {
      parts.add(
          ordered(
              "weight", Math.round(k.weight() * 10_000) / 10_000.0,
              "medianMinutes", tenth(k.medianMinutes()),
              "p90Minutes", tenth(k.p90Minutes()),
              "pastOutages", tenth(k.pastOutages())));
    }
    return parts;
  }

  /** What follows the prior's median and p90 on the text's "Remaining outage" line. */
  private String priorText() {
    int n = scenario.input().prior().pastOutages();
    if (n == 0) {
      return scenario.priorFromScenario() ? "" : ", the default";
    }
    DurationPrior p = scenario.input().prior();
    return ", learned from " + Format.count(n) + (n == 1 ? " past outage" : " past outages") + " and "
        + (scenario.priorFromScenario() ? "the scenario's prior" : "the default") + (p.twoKinds() ? "; " + p.kindsText() : "");
  }

  private String breakEvenText() {
    var b = estimate.breakEven();
    if (b.option().isEmpty()) {
      return "none: no failover option is feasible";
    }
    if (!b.reachable()) {
      return b.option().get() + " never pays off";
    }
    // The probability in the explanation's words: "0.00" here beside "below 0.01" there read as two answers.
    return b.option().get() + " pays off if the outage lasts another " + Format.minutes(b.minutes().getAsDouble()) + " (probability "
        + Format.probability(b.probability()) + ")";
  }

  /** A moment to come back at: to the second when it has seconds, so that it never reads as the past. */
  private String when(Instant t) {
    var local = t.atOffset(scenario.offset());
    return (local.getSecond() == 0 ? WHEN : WHEN_TO_THE_SECOND).format(local);
  }

  private String time(Instant t) {
    return RFC_3339.format(t.atOffset(scenario.offset()));
  }

  private static double tenth(double x) {
    return Math.round(x * 10) / 10.0;
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
