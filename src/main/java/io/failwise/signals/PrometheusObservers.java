package io.failwise.signals;

import io.failwise.api.Cluster;
import io.failwise.api.SignalsSpec;
import io.failwise.api.validation.MaintenanceWindows;
import io.failwise.model.detect.DetectionState;
import io.failwise.model.detect.DetectionVerdict;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.model.detect.EndedOutage;
import io.failwise.model.detect.MaintenanceSchedule;
import io.failwise.model.detect.ObserverVerdict;
import io.failwise.model.detect.OfflineDetector;
import io.failwise.model.detect.PlausibleCounts;
import io.failwise.model.detect.QuorumVerdict;
import io.failwise.model.detect.Sample;
import io.failwise.model.detect.SignalFreshness;
import io.failwise.signals.prometheus.PrometheusApi;
import io.failwise.signals.prometheus.PrometheusQueryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads each Prometheus observer of a cluster at a fixed step of data time, feeds its own detector
 * and combines the verdicts by quorum. Detector state lives here, in memory: when it is missing
 * (a restart, a new or changed observer) it is rebuilt from a range query over the last
 * {@code history}, and when reads were missed it catches up on the steps in between, so the
 * series the detector sees does not depend on when reconciles happen.
 */
public final class PrometheusObservers {
  /**
   * How observers are read.
   *
   * @param step resolution of the series (failwise.signals.poll-interval)
   * @param timeout default time limit of one query
   * @param staleAfter a series whose newest point is older is Stale
   * @param history read when a detector starts
   */
  public record Settings(Duration step, Duration timeout, Duration staleAfter, Duration history, DetectorSettings detector) {}

  /** A detector and what it last said, for one observer of one cluster. */
  private static final class Track {
    final String fingerprint;
    final OfflineDetector detector;
    Instant lastDue;
    ObserverVerdict last;
    Instant touched;

    Track(String fingerprint, DetectorSettings settings) {
      this.fingerprint = fingerprint;
      this.detector = new OfflineDetector(settings);
    }
  }

  /** Prometheus refuses range queries of more points than this. */
  private static final int MAX_POINTS = 11_000;
  private static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final PrometheusApi api;
  private final Settings settings;
  private final Map<String, Track> tracks = new ConcurrentHashMap<>();

  public PrometheusObservers(PrometheusApi api, Settings settings) {
    this.api = api;
    this.settings = settings;
  }

  public static boolean handles(Cluster cluster) {
    return cluster.getSpec() != null
        && cluster.getSpec().signals != null
        && cluster.getSpec().signals.prometheus != null
        && !cluster.getSpec().signals.prometheus.isEmpty();
  }

  /** Reads every observer up to {@code now} and combines their verdicts. Never throws for a bad server. */
  public QuorumVerdict observe(Cluster cluster, Instant now) {
    SignalsSpec signals = cluster.getSpec().signals;
    Instant due = align(now);
    List<ObserverVerdict> verdicts = new ArrayList<>();
    List<List<EndedOutage>> ended = new ArrayList<>();
    List<Instant> goingOn = new ArrayList<>();
    MaintenanceSchedule windows = MaintenanceWindows.of(cluster.getSpec()).schedule();
    for (SignalsSpec.PrometheusObserver o : signals.prometheus) {
      String key = key(cluster, o);
      ObserverVerdict verdict = observe(key, o, due, windows);
      verdicts.add(verdict);
      // What the detector saw end while it caught up, and the onset of one it still sees: an observer
      // that cannot be read now keeps what it saw before.
      OfflineDetector detector = tracks.get(key).detector;
      ended.add(detector.endedOutages());
      DetectionVerdict last = detector.verdict();
      goingOn.add(last != null && (last.state() == DetectionState.OUTAGE || last.silencedOutage()) ? last.onset() : null);
    }
    forgetIdle(now);
    int quorum = signals.effectiveQuorum();
    return QuorumVerdict.of(verdicts, quorum).withEnded(EndedOutage.byQuorum(ended, goingOn, quorum));
  }

  /** The number of observer series with a live detector, for tests and metrics. */
  public int tracked() {
    return tracks.size();
  }

  private ObserverVerdict observe(String key, SignalsSpec.PrometheusObserver o, Instant due, MaintenanceSchedule windows) {
    String fingerprint = o.url + "\n" + o.connectedQuery + "\n" + o.expectedQuery + "\n" + o.errorsQuery;
    Track track =
        tracks.compute(
            key, (k, t) -> t != null && t.fingerprint.equals(fingerprint) ? t : new Track(fingerprint, settings.detector()));
    track.touched = due;
    if (due.equals(track.lastDue) && track.last != null) {
      return track.last;
    }
    Duration timeout = o.timeoutSeconds == null ? settings.timeout() : Duration.ofSeconds(o.timeoutSeconds);
    ObserverVerdict verdict;
    try {
      read(track, o, due, timeout, windows);
      track.lastDue = due;
      verdict = judge(track, o, due).withErrorsPerSecond(errors(o, due, timeout));
    } catch (PrometheusQueryException e) {
      // Not remembered as read: the next reconcile asks again (the circuit breaker keeps that cheap).
      verdict = ObserverVerdict.unknown(o.name, e.reason(), e.getMessage(), track.detector.lastSampleTime());
    }
    track.last = verdict;
    return verdict;
  }

  /**
   * One query's series; an answer that says the query itself is wrong (an error, several series, no
   * data) names the field and the observer too: both queries go to the same server, and "the query
   * returned 2 series" alone leaves a person comparing two PromQL strings at 21:40.
   */
  private List<PrometheusApi.Point> range(SignalsSpec.PrometheusObserver o, String field, String query, Instant from, Instant due, Duration timeout)
      throws PrometheusQueryException {
    try {
      return api.range(o.url, query, from, due, settings.step(), timeout);
    } catch (PrometheusQueryException e) {
      if (PrometheusQueryException.UNREACHABLE.equals(e.reason()) || e.getMessage().contains(field)) {
        throw e;
      }
      throw new PrometheusQueryException(e.reason(), e.getMessage() + " (" + field + " of observer " + o.name + ")", e.retryable());
    }
  }

  /** Feeds the detector every step from its newest sample (or the start of the history) up to {@code due}. */
  private void read(Track track, SignalsSpec.PrometheusObserver o, Instant due, Duration timeout, MaintenanceSchedule windows)
      throws PrometheusQueryException {
    Instant earliest = due.minus(settings.history());
    Instant newest = track.detector.lastSampleTime();
    Instant from = newest == null || newest.isBefore(earliest) ? earliest : newest.plus(settings.step());
    Instant limit = due.minus(settings.step().multipliedBy(MAX_POINTS - 1));
    if (from.isBefore(limit)) {
      from = limit;
    }
    if (from.isAfter(due)) {
      return;
    }
    List<PrometheusApi.Point> connected = range(o, "connectedQuery", o.connectedQuery, from, due, timeout);
    Map<Instant, Double> expected = null;
    if (o.expectedQuery != null) {
      expected = new HashMap<>();
      for (PrometheusApi.Point p : range(o, "expectedQuery", o.expectedQuery, from, due, timeout)) {
        expected.put(p.at(), p.value());
      }
      if (expected.isEmpty() && !connected.isEmpty()) {
        throw new PrometheusQueryException(
            PrometheusQueryException.EMPTY_RESULT,
            "expectedQuery returned no data from " + from + " to " + due + ": " + o.expectedQuery,
            false);
      }
    }
    // A value that cannot be a count is not fed to the detector: an older one is a gap in the series,
    // the newest makes the observer Unknown (BadResponse) until the query gives counts again.
    String newestImpossible = null;
    for (PrometheusApi.Point p : connected) {
      Double e = expected == null ? null : expected.get(p.at());
      if (expected != null && e == null) {
        continue;
      }
      newestImpossible = impossible(o, p, e);
      if (newestImpossible == null) {
        track.detector.step(new Sample(p.at(), Math.round(p.value()), e == null ? null : Math.round(e)), windows.covers(p.at()));
      }
    }
    if (newestImpossible != null) {
      throw new PrometheusQueryException(PrometheusQueryException.BAD_RESPONSE, newestImpossible, false);
    }
  }

  /** Why the point (and its expected value) cannot be device counts, naming the query and the value; null when they can. */
  private static String impossible(SignalsSpec.PrometheusObserver o, PrometheusApi.Point p, Double expected) {
    var connectedProblem = PlausibleCounts.count(p.value());
    if (connectedProblem.isPresent()) {
      return answered(o, "connectedQuery", o.connectedQuery, p.value(), p.at(), connectedProblem.get());
    }
    if (expected == null) {
      return null;
    }
    var expectedProblem = PlausibleCounts.count(expected);
    if (expectedProblem.isPresent()) {
      return answered(o, "expectedQuery", o.expectedQuery, expected, p.at(), expectedProblem.get());
    }
    return PlausibleCounts.overExpected(Math.round(p.value()), Math.round(expected))
        .map(why -> o.url + " answered " + why + " at " + p.at() + " (connectedQuery: " + o.connectedQuery + "; expectedQuery: " + o.expectedQuery + ")")
        .orElse(null);
  }

  private static String answered(SignalsSpec.PrometheusObserver o, String field, String query, double value, Instant at, String why) {
    return o.url + " answered " + PlausibleCounts.show(value) + " for " + field + " at " + at + ": " + why + " (query: " + query + ")";
  }

  private ObserverVerdict judge(Track track, SignalsSpec.PrometheusObserver o, Instant due) {
    return SignalFreshness.judge(
        o.name,
        track.detector,
        due,
        settings.staleAfter(),
        "connectedQuery returned no data in the last " + io.failwise.model.Format.duration(settings.history()) + ": " + o.connectedQuery);
  }

  /** The newest value of the errors query; optional, so its failure only leaves it out. */
  private Double errors(SignalsSpec.PrometheusObserver o, Instant due, Duration timeout) {
    if (o.errorsQuery == null) {
      return null;
    }
    try {
      List<PrometheusApi.Point> points = api.range(o.url, o.errorsQuery, due, due, settings.step(), timeout);
      double newest = points.isEmpty() ? Double.NaN : points.get(points.size() - 1).value();
      return Double.isFinite(newest) ? Math.round(newest * 100) / 100.0 : null;
    } catch (PrometheusQueryException e) {
      return null;
    }
  }

  private Instant align(Instant now) {
    long step = settings.step().toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step);
  }

  private void forgetIdle(Instant now) {
    tracks.values().removeIf(t -> t.touched != null && Duration.between(t.touched, now).compareTo(FORGET_AFTER) > 0);
  }

  private static String key(Cluster c, SignalsSpec.PrometheusObserver o) {
    return Objects.toString(c.getMetadata().getNamespace(), "") + "/" + c.getMetadata().getName() + "/" + o.name;
  }
}
