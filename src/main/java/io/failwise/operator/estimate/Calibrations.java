package io.failwise.operator.estimate;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterCalibration;
import io.failwise.api.FailoverSpec;
import io.failwise.api.validation.Problem;
import io.failwise.model.Format;
import io.failwise.model.calibration.Calibration;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The estimator's use of a source Cluster's {@code status.calibration} (what its finished runs measured):
 * the measured cutover replaces {@code spec.failover.cutoverSeconds}, the measured p90 (or, after a
 * single run, the spec's ratio of p90 to median) replaces {@code cutoverP90Seconds}, and a target's
 * measured admission replaces its {@code spec.admission.devicesPerSecond}; the explanation says so.
 * Every use is at a moment (the decision's, the run's, a scenario's {@code spec.at}): a calibration dated
 * after it was not measured yet then, so it is ignored, the spec's values apply, and the explanation says
 * that instead; the same holds for a single measurement dated after it.
 */
public final class Calibrations {
  private Calibrations() {}

  // The JDK's logger, not JBoss Logging: failwise estimate runs these checks from the offline CLI's jar,
  // which has no JBoss Logging; under Quarkus the JDK's logging goes to the same log.
  private static final System.Logger LOG = System.getLogger(Calibrations.class.getName());
  /** The longest cutover, in seconds, as spec.failover.cutoverSeconds allows: a day. */
  public static final double LONGEST_CUTOVER_SECONDS = 86_400;
  /** The slowest admission rate, in devices a second, as spec.admission.devicesPerSecond allows. */
  public static final double SLOWEST_ADMISSION = 0.001;
  /** Calibrations already warned about (cluster and problems), so a reconcile loop logs each once. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  /**
   * What is wrong with a Cluster's status.calibration, field by field, with what is valid; empty when it
   * is absent or within the bounds the spec's own fields have (cutover 1 to 86,400 s, the p90 at least the
   * median, admission at least 0.001 devices a second, 1 to 10 runs, RFC 3339 times). The controller writes
   * only such values; anything else was written by hand or by another tool.
   */
  public static List<Problem> problems(Cluster cluster) {
    ClusterCalibration c = cluster.getStatus() == null ? null : cluster.getStatus().calibration;
    List<Problem> out = new ArrayList<>();
    if (c == null) {
      return out;
    }
    String f = "status.calibration.";
    cutover(f + "cutoverSeconds", c.cutoverSeconds, 1).ifPresent(out::add);
    cutover(f + "cutoverP90Seconds", c.cutoverP90Seconds, 1).ifPresent(out::add);
    if (c.cutoverP90Seconds != null && c.cutoverSeconds != null && c.cutoverP90Seconds < c.cutoverSeconds) {
      out.add(new Problem(f + "cutoverP90Seconds", "must be at least cutoverSeconds (" + c.cutoverSeconds + "), got " + c.cutoverP90Seconds));
    }
    admission(f + "admissionDevicesPerSecond", c.admissionDevicesPerSecond).ifPresent(out::add);
    if (c.runs != null && (c.runs < 1 || c.runs > Calibration.KEPT)) {
      out.add(new Problem(f + "runs", "must be from 1 to " + Calibration.KEPT + ", got " + c.runs));
    }
    time(f + "at", c.at).ifPresent(out::add);
    List<ClusterCalibration.Measurement> ms = c.measurements == null ? List.of() : c.measurements;
    for (int i = 0; i < ms.size(); i++) {
      ClusterCalibration.Measurement m = ms.get(i);
      String g = f + "measurements[" + i + "].";
      if (m == null) {
        out.add(new Problem(f + "measurements[" + i + "]", "is empty: {run, mode, target, cutoverSeconds, admissionDevicesPerSecond, at}"));
        continue;
      }
      cutover(g + "cutoverSeconds", m.cutoverSeconds, 0).ifPresent(out::add);
      admission(g + "admissionDevicesPerSecond", m.admissionDevicesPerSecond).ifPresent(out::add);
      time(g + "at", m.at).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Problem> cutover(String field, Double seconds, double least) {
    if (seconds != null && !(seconds >= least && seconds <= LONGEST_CUTOVER_SECONDS)) {
      return Optional.of(new Problem(field, "must be from " + Format.count((long) least) + " to 86,400 seconds (a day, as spec.failover.cutoverSeconds), got " + seconds));
    }
    return Optional.empty();
  }

  private static Optional<Problem> admission(String field, Double perSecond) {
    if (perSecond != null && !(perSecond >= SLOWEST_ADMISSION && Double.isFinite(perSecond))) {
      return Optional.of(new Problem(field, "must be a number of devices a second of at least 0.001 (as spec.admission.devicesPerSecond), got " + perSecond));
    }
    return Optional.empty();
  }

  private static Optional<Problem> time(String field, String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      OffsetDateTime.parse(text);
      return Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.of(new Problem(field, "'" + text + "' is not an RFC 3339 time such as 2026-03-01T10:00:00Z"));
    }
  }

  /**
   * The source's calibration when it measured a cutover and is within its bounds, else empty: one out of
   * them is ignored (the spec's values apply) and logged once, naming the Cluster and the fields.
   */
  private static Optional<ClusterCalibration> valid(Cluster source) {
    Optional<ClusterCalibration> c =
        Optional.ofNullable(source.getStatus())
            .map(s -> s.calibration)
            .filter(x -> x.cutoverSeconds != null && x.runs != null && x.runs > 0);
    if (c.isEmpty()) {
      return c;
    }
    List<Problem> problems = problems(source);
    if (problems.isEmpty()) {
      return c;
    }
    String name = source.getMetadata().getNamespace() + "/" + source.getMetadata().getName();
    String text = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    if (WARNED.size() > 10_000) {
      WARNED.clear();
    }
    if (WARNED.add(name + " " + text)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Cluster " + name + ": ignoring status.calibration, the estimate uses the spec's cutover and admission instead: " + text);
    }
    return Optional.empty();
  }

  /**
   * The calibration the estimate at {@code at} uses: a valid one ({@link #valid}) dated no later than
   * {@code at}. One dated after it (its runs had not finished then: a replayed moment, a clock set wrong,
   * a status written by hand) is ignored; {@link #sentence} says so in the explanation.
   */
  static Optional<ClusterCalibration> of(Cluster source, Instant at) {
    return valid(source).filter(c -> !after(c.at, at));
  }

  /**
   * Why the source's calibration is not used at {@code at} although it is valid: its {@code at} is later,
   * as a Problem on status.calibration.at (for the offline commands' warning line); empty otherwise.
   */
  public static Optional<Problem> fromTheFuture(Cluster source, Instant at) {
    return valid(source)
        .filter(c -> after(c.at, at))
        .map(c -> new Problem(
            "status.calibration.at",
            c.at + " is after the moment of the estimate (" + at.truncatedTo(ChronoUnit.SECONDS) + "): runs that had not finished then cannot inform it, so the"
                + " calibration is ignored and the spec's cutover and admission apply"));
  }

  /** Whether an RFC 3339 time is after {@code at}; a missing or unreadable one is not (problems() names the latter). */
  private static boolean after(String time, Instant at) {
    if (time == null) {
      return false;
    }
    try {
      return OffsetDateTime.parse(time).toInstant().isAfter(at);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The cutover median to use at {@code at}: measured when calibrated by then. */
  static Duration cutover(Cluster source, FailoverSpec failover, Instant at) {
    return of(source, at)
        .map(c -> seconds(c.cutoverSeconds))
        .orElseGet(() -> Duration.ofSeconds(failover == null || failover.cutoverSeconds == null ? 0 : failover.cutoverSeconds));
  }

  /** The cutover p90 to use at {@code at} (null: the estimator's default ratio to the median). */
  static Duration cutoverP90(Cluster source, FailoverSpec failover, Instant at) {
    Optional<ClusterCalibration> c = of(source, at);
    if (c.isEmpty()) {
      return failover == null || failover.cutoverP90Seconds == null ? null : Duration.ofSeconds(failover.cutoverP90Seconds);
    }
    if (c.get().cutoverP90Seconds != null && c.get().cutoverP90Seconds >= c.get().cutoverSeconds) {
      return seconds(c.get().cutoverP90Seconds);
    }
    // One run shows no spread: keep the spread the spec states around the measured median.
    if (failover != null && failover.cutoverP90Seconds != null && failover.cutoverSeconds != null && failover.cutoverSeconds > 0) {
      return seconds(c.get().cutoverSeconds * failover.cutoverP90Seconds / failover.cutoverSeconds);
    }
    return null;
  }

  /** The admission rate measured at {@code target} by the source's runs finished by {@code at} (their median), if any. */
  static OptionalDouble admission(Cluster source, String target, Instant at) {
    double[] rates =
        of(source, at).map(c -> c.measurements).orElse(List.of()).stream()
            .filter(m -> Objects.equals(target, m.target) && m.admissionDevicesPerSecond != null && m.admissionDevicesPerSecond > 0)
            .filter(m -> !after(m.at, at))
            .mapToDouble(m -> m.admissionDevicesPerSecond)
            .sorted()
            .toArray();
    if (rates.length == 0) {
      return OptionalDouble.empty();
    }
    int n = rates.length;
    return OptionalDouble.of(n % 2 == 1 ? rates[n / 2] : 0.5 * (rates[n / 2 - 1] + rates[n / 2]));
  }

  /**
   * An estimate's explanation for {@code source} at {@code at}, with the calibration's sentence when there
   * is one ({@link #sentence}): what the controller's decisions and runs, {@code failwise estimate} and
   * {@code failwise plan} print alike.
   */
  public static String explained(String explanation, Cluster source, Instant at) {
    return explained(explanation, source, at, java.time.ZoneOffset.UTC);
  }

  /** As above, the calibration's time said in {@code zone}, as the rest of the explanation says its times. */
  public static String explained(String explanation, Cluster source, Instant at, java.time.ZoneId zone) {
    return explanation + sentence(source, at, zone).map(c -> " " + c).orElse("");
  }

  /**
   * A status time as the explanation around it says its times ("2026-03-01 11:00 +01:00", the date when
   * not on the day of {@code at}; "00:30:34 UTC" in UTC too). One sentence read "Re-evaluate at 22:51:45
   * +01:00" and "the last at 2026-12-07T21:30:41Z"; in UTC, "Re-evaluate at 00:53:13 UTC" beside "the last
   * at 2026-12-08T00:30:34Z".
   */
  static String inZone(String rfc3339, Instant at, java.time.ZoneId zone) {
    try {
      return Format.timeToTheSecond(Instant.parse(rfc3339), at, zone);
    } catch (java.time.format.DateTimeParseException e) {
      return rfc3339;
    }
  }

  /**
   * The sentence the explanation gets when the source is calibrated, e.g. "Cutover 210 s (p90 420 s) as
   * measured by 3 runs (2 drills, 1 failover), the last at 2026-03-01T10:00:00Z, instead of the 1,200 s
   * spec.failover.cutoverSeconds states."; or, when the calibration is dated after {@code at}, that it is
   * ignored and the spec's cutover applies.
   */
  public static Optional<String> sentence(Cluster source, Instant at) {
    return sentence(source, at, java.time.ZoneOffset.UTC);
  }

  /** As above, its times in {@code zone}. */
  public static Optional<String> sentence(Cluster source, Instant at, java.time.ZoneId zone) {
    FailoverSpec failover = source.getSpec() == null ? null : source.getSpec().failover;
    Optional<ClusterCalibration> used = of(source, at);
    if (used.isEmpty()) {
      return valid(source).filter(c -> after(c.at, at)).map(c -> {
        StringBuilder sb = new StringBuilder("The measured cutover (status.calibration, the last run at ").append(inZone(c.at, at, zone))
            .append(") is ignored: it is dated after this estimate (").append(inZone(at.truncatedTo(ChronoUnit.SECONDS).toString(), at, zone))
            .append("), so ");
        sb.append(failover != null && failover.cutoverSeconds != null
            ? "the " + Format.count(failover.cutoverSeconds) + " s spec.failover.cutoverSeconds states applies"
            : "the spec's cutover applies");
        return sb.append('.').toString();
      });
    }
    ClusterCalibration c = used.get();
    List<ClusterCalibration.Measurement> ms = c.measurements == null ? List.of() : c.measurements;
    long drills = ms.stream().filter(m -> "Drill".equals(m.mode)).count();
    long failovers = ms.stream().filter(m -> "Failover".equals(m.mode)).count();
    String kinds =
        drills + failovers != c.runs
            ? ""
            : drills == c.runs ? " (drills)" : failovers == c.runs ? " (failovers)" : " (" + Format.plural(drills, "drill") + ", " + Format.plural(failovers, "failover") + ")";
    String runs = c.runs == 1 ? (drills == 1 ? "1 drill" : failovers == 1 ? "1 failover" : "1 run") : Format.plural(c.runs, "run") + kinds;
    StringBuilder sb = new StringBuilder("Cutover ").append(Format.count(Math.round(c.cutoverSeconds))).append(" s");
    Duration p90 = cutoverP90(source, failover, at);
    if (p90 != null) {
      sb.append(" (p90 ").append(Format.count(Math.round(p90.toMillis() / 1000.0))).append(" s)");
    }
    sb.append(" as measured by ").append(runs).append(", the last at ").append(inZone(c.at, at, zone));
    if (failover != null && failover.cutoverSeconds != null) {
      sb.append(", instead of the ").append(Format.count(failover.cutoverSeconds)).append(" s spec.failover.cutoverSeconds states");
    }
    List<String> admitted =
        ms.stream().map(m -> m.target).filter(Objects::nonNull).distinct()
            .filter(t -> admission(source, t, at).isPresent())
            .map(t -> t + " admitted " + Format.plural(Math.round(admission(source, t, at).getAsDouble()), "device") + " a second")
            .toList();
    if (!admitted.isEmpty()) {
      sb.append("; ").append(String.join(", ", admitted));
    }
    return Optional.of(sb.append('.').toString());
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }
}
