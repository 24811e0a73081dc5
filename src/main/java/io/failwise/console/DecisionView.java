package io.failwise.console;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.estimate.Outage;
import io.failwise.operator.estimate.EstimateInputs;
import io.failwise.operator.estimate.PastOutages;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decisions as the policies recorded them, newest first, and the chart of a cluster's current one.
 * The chart is the estimator run again on the decision's own inputs (when, since when, how many
 * offline, the policy's prior) with the clusters as the cache holds them now, the prior fitted as the
 * policy fits it to the past outages they recorded.
 */
final class DecisionView {
  /** A decision and the policy that recorded it. */
  record Recorded(String namespace, String policy, Decision decision, FailoverPolicySpec spec) {}

  /** A cluster's current decision, drawn; chart is null when it cannot be drawn, and why says why. */
  record Charted(Recorded recorded, DecisionCurves curves, String why) {}

  private DecisionView() {}

  static List<Recorded> newestFirst(List<FailoverPolicy> policies) {
    List<Recorded> all = new ArrayList<>();
    for (FailoverPolicy p : policies) {
      if (p.getStatus() == null || p.getStatus().decisions == null) {
        continue;
      }
      for (Decision d : p.getStatus().decisions) {
        all.add(new Recorded(p.getMetadata().getNamespace(), p.getMetadata().getName(), d, p.getSpec()));
      }
    }
    all.sort(Comparator.comparing((Recorded r) -> r.decision().time == null ? "" : r.decision().time).reversed());
    return all;
  }

  static Map<String, Object> json(Recorded r) {
    Decision d = r.decision();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", r.namespace());
    m.put("policy", r.policy());
    m.put("id", d.id);
    m.put("time", d.time);
    m.put("cluster", d.cluster);
    m.put("recommendation", d.recommendation);
    m.put("target", d.target);
    m.put("action", d.action);
    m.put("blockedBy", d.blockedBy);
    m.put("breakEvenMinutes", d.breakEvenMinutes);
    m.put("breakEvenProbability", d.breakEvenProbability);
    m.put("offlineDevices", d.offlineDevices);
    m.put("outageSince", d.outageSince);
    m.put("reevaluateAt", d.reevaluateAt);
    m.put("run", d.run);
    m.put("explanation", d.explanation);
    m.put("turnsWith", d.turnsWith);
    return m;
  }

  /** The newest decision on this cluster that carries an estimate, drawn, or empty when there is none. */
  static Optional<Charted> current(
      Cluster cluster,
      List<Cluster> inNamespace,
      List<Recorded> newestFirst,
      FailoverEstimator estimator,
      ZoneId zone,
      PastOutages.Learning learning) {
    String ns = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    Optional<Recorded> latest =
        newestFirst.stream()
            .filter(r -> Objects.equals(ns, r.namespace()) && Objects.equals(name, r.decision().cluster))
            // Recovered, Silenced and SignalLost carry no estimate of their own: the chart is the last decision's.
            .filter(r -> !java.util.Set.of("Recovered", "Silenced", "SignalLost").contains(r.decision().action))
            .filter(r -> !"InvalidInput".equals(r.decision().blockedBy))
            .findFirst();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    Decision d = latest.get().decision();
    try {
      Instant at = Instant.parse(d.time);
      Instant since = d.outageSince == null ? at : Instant.parse(d.outageSince);
      long offline = d.offlineDevices == null ? 0 : d.offlineDevices;
      // Fitted to the outages that had ended when the decision was made, as the policy fitted it: once
      // recovered, the outage the decision was about is a past outage too, and moved the chart's median.
      DurationPrior prior = PastOutages.prior(prior(latest.get().policy(), latest.get().spec()), inNamespace, learning, at);
      Estimate e = estimator.estimate(EstimateInputs.from(cluster, inNamespace, new Outage(since, offline), at, prior, zone));
      // The chart weighs the count as steady: a decision that followed its trend is not the chart's, and an
      // outside pass read "FAILOVER pays off if it lasts another 17 h 46 min" above "failover never pays off
      // while the count falls".
      String apart = io.failwise.model.estimate.Trend.said(d.explanation)
          ? "The chart weighs the " + io.failwise.model.Format.plural(offline, "offline device") + " as a steady count; the decision followed"
              + " their trend (its explanation says how), so its answer and break-even are not the chart's."
          : null;
      return Optional.of(new Charted(latest.get(), DecisionCurves.of(e), apart));
    } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
      return Optional.of(new Charted(latest.get(), null, "No chart for decision " + d.id + ": " + e.getMessage()));
    }
  }

  private static DurationPrior prior(String name, FailoverPolicySpec spec) {
    var p = spec == null ? null : spec.durationPrior;
    return p == null || p.medianMinutes == null || p.p90Minutes == null
        ? DurationPrior.DEFAULT
        : DurationPrior.stated(p.medianMinutes, p.p90Minutes, "FailoverPolicy " + name + " spec.durationPrior");
  }
}
