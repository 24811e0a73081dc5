package io.failwise.cli.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.api.validation.Problem;
import io.failwise.cli.UserInputException;
import io.failwise.cli.files.SourcedDocument;
import io.failwise.model.Format;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.OfflineSample;
import io.failwise.model.estimate.Outage;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a Scenario document, each read and checked on its own: times, counts, the stated prior,
 * the fleet's past outages, the earlier readings and the budget. Every error names the file, the
 * document and the field, and says what would be valid. {@link ScenarioLoader} puts them together with
 * the Clusters they refer to.
 */
final class ScenarioFields {
  /** The most past outages a Scenario may list. */
  static final int MOST_PAST_OUTAGES = 1_000;

  private ScenarioFields() {}

  /** The earlier readings: each a time before spec.at, oldest first, and a count of 0 or more. */
  static List<OfflineSample> recent(SourcedDocument doc, List<Scenario.SampleSpec> samples, OffsetDateTime at) {
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

  /** spec.budget: both counts 0 or more; a missing one is 0. */
  static Optional<LoadedScenario.BudgetUsed> budget(SourcedDocument doc, Scenario.BudgetSpec b) {
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

  static DurationPrior prior(SourcedDocument doc, Scenario.PriorSpec p) {
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
  static List<Double> pastMinutes(SourcedDocument doc, List<Scenario.PastOutageSpec> past, OffsetDateTime at, OffsetDateTime since) {
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
      if (Boolean.TRUE.equals(p.endHiddenByRun)) {
        continue; // checked as the others, not learned from: as the controller reads status.pastOutages
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
  static void wholeNumbers(SourcedDocument doc) {
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

  static OffsetDateTime time(SourcedDocument doc, String field, String text) {
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

  static <T> T required(SourcedDocument doc, String field, T value, String what) {
    if (value == null || (value instanceof String str && str.isBlank())) {
      throw bad(doc, field, "is required: " + what);
    }
    return value;
  }

  static UserInputException bad(SourcedDocument doc, String field, String message) {
    return bad(doc, new Problem(field, message));
  }

  static UserInputException bad(SourcedDocument doc, Problem problem) {
    return new UserInputException(doc.where() + ": " + problem);
  }
}
