package io.failwise.model.detect;

import java.time.Duration;
import java.time.Instant;

/**
 * Notices devices going offline at an elevated rate in one observer's series, against normal churn
 * and the daily rhythm: a one-sided CUSUM on the standardized residual of the offline count against
 * a robust baseline (Holt level and trend, residuals clipped so that dips do not drag it), gated by
 * a floor on the devices offline above the baseline. Pure and deterministic: replaying the same
 * samples gives the same verdicts. Not thread-safe: one instance per observer series.
 */
public final class OfflineDetector {
  /** Residuals beyond this many noise units are clipped before they update the baseline. */
  private static final double CLIP_SIGMAS = 3.0;

  private final DetectorSettings settings;
  private final double alpha;
  private final double beta;

  private DetectionState state = DetectionState.LEARNING;
  private long samples;
  private Instant lastAt;
  private double level;
  private double trend;
  private double variance;
  private double cusum;
  private Instant changeStart;
  private double baselineAtChangeStart;
  private double frozenBaseline;
  private double frozenTrend;
  private Instant onset;
  private Instant recoveringSince;
  private Instant alarmedSince;
  private DetectionVerdict last;
  private final DailyProfile profile;

  public OfflineDetector(DetectorSettings settings) {
    this.settings = settings;
    this.alpha = settings.alphaPerStep();
    // The trend adapts a few times slower than the level: it carries the evening ramp, not noise.
    this.beta = alpha / 4;
    this.profile = new DailyProfile(settings.step());
  }

  /** The latest verdict, or null before the first sample. */
  public DetectionVerdict verdict() {
    return last;
  }

  /** Time of the last sample taken, or null. */
  public Instant lastSampleTime() {
    return lastAt;
  }

  /** Takes the next sample (older or repeated samples are ignored) and returns the verdict. */
  public DetectionVerdict step(Sample s) {
    if (lastAt != null && !s.at().isAfter(lastAt)) {
      return last;
    }
    double y = offlineLike(s);
    if (samples == 0) {
      level = y;
      trend = 0;
      variance = square(floorSigma(size(s, y)));
    }
    long stepsElapsed = lastAt == null ? 1 : Math.max(1, Duration.between(lastAt, s.at()).toMillis() / settings.step().toMillis());
    lastAt = s.at();
    samples++;
    double predicted = state.alarmed() ? projected(s.at()) : level + trend * stepsElapsed;
    double residual = y - predicted;
    double sigma = Math.max(Math.sqrt(variance), floorSigma(size(s, predicted)));
    long size = size(s, predicted);

    if (state == DetectionState.LEARNING) {
      learn(y, predicted, residual, sigma, stepsElapsed);
      if (samples >= settings.warmUpSamples()) {
        state = DetectionState.NORMAL;
      }
    } else if (state == DetectionState.NORMAL) {
      normal(s.at(), y, predicted, residual, sigma, size, stepsElapsed);
    } else {
      alarmed(s.at(), y, residual, size);
    }
    last =
        new DetectionVerdict(
            state,
            s.at(),
            s.connected(),
            s.expected(),
            Math.round(state.alarmed() ? y - projected(s.at()) : residual),
            Math.round(reference(s) - (state.alarmed() ? projected(s.at()) : predicted)),
            state.alarmed() ? onset : null,
            cusum);
    return last;
  }

  private void normal(Instant at, double y, double predicted, double residual, double sigma, long size, long stepsElapsed) {
    double z = Math.min(residual / sigma, settings.maxStepSigmas());
    double before = cusum;
    cusum = Math.max(0, cusum + z - settings.allowanceSigmas());
    if (cusum == 0) {
      changeStart = null;
    } else if (before == 0 || changeStart == null) {
      // The CUSUM change-point estimate: the change began with the first sample after the last zero.
      changeStart = at;
      baselineAtChangeStart = predicted;
    }
    if (cusum >= settings.alarmSigmas()) {
      double excess = y - baselineAtChangeStart;
      if (excess >= outageFloor(size)) {
        enter(DetectionState.OUTAGE);
        return;
      }
      if (excess >= degradedFloor(size)) {
        enter(DetectionState.DEGRADED);
        return;
      }
      // Significant but too small to matter: keep adapting, and do not let evidence pile up forever.
      cusum = settings.alarmSigmas();
    }
    learn(y, predicted, residual, sigma, stepsElapsed);
  }

  private void enter(DetectionState next) {
    state = next;
    onset = changeStart;
    frozenBaseline = baselineAtChangeStart;
    frozenTrend = trend;
    recoveringSince = null;
    alarmedSince = lastAt;
  }

  /**
   * The baseline while alarmed: the level at the onset, moved as the daily rhythm moves it (learned
   * on earlier days), or by the trend at the onset for at most an hour while no day is known yet.
   */
  private double projected(Instant at) {
    double rhythm = profile.change(onset, at);
    if (!Double.isNaN(rhythm)) {
      return frozenBaseline + rhythm;
    }
    long steps = Math.min(Duration.between(onset, at).toMillis(), Duration.ofHours(1).toMillis()) / settings.step().toMillis();
    return frozenBaseline + frozenTrend * Math.max(0, steps);
  }

  private void alarmed(Instant at, double y, double excess, long size) {
    if (state == DetectionState.DEGRADED && excess >= outageFloor(size)) {
      state = DetectionState.OUTAGE;
      recoveringSince = null;
      return;
    }
    if (state == DetectionState.DEGRADED
        && Duration.between(alarmedSince, at).compareTo(settings.degradedAcceptAfter()) >= 0) {
      // A loss that has neither grown nor healed for hours is the new normal level, not an onset.
      backToNormal(y);
      return;
    }
    double floor = state == DetectionState.OUTAGE ? outageFloor(size) : degradedFloor(size);
    if (excess >= floor * settings.recoveryRatio()) {
      recoveringSince = null;
      return;
    }
    if (recoveringSince == null) {
      recoveringSince = at;
    }
    if (Duration.between(recoveringSince, at).compareTo(settings.recoveryHold()) < 0) {
      return;
    }
    if (state == DetectionState.OUTAGE && excess >= degradedFloor(size) * settings.recoveryRatio()) {
      state = DetectionState.DEGRADED;
      recoveringSince = null;
      return;
    }
    backToNormal(y);
  }

  /** Recovered (or accepted): start the baseline again from where the series is now. */
  private void backToNormal(double y) {
    state = DetectionState.NORMAL;
    level = y;
    trend = 0;
    cusum = 0;
    changeStart = null;
    onset = null;
    recoveringSince = null;
    alarmedSince = null;
  }

  private void learn(double y, double predicted, double residual, double sigma, long stepsElapsed) {
    double clipped = Math.max(-CLIP_SIGMAS * sigma, Math.min(CLIP_SIGMAS * sigma, residual));
    // While learning, a plain running mean: the slow half-life would leave the first guesses in charge.
    double a = state == DetectionState.LEARNING ? Math.max(alpha, 1.0 / samples) : alpha;
    double previousLevel = level;
    level = predicted + a * clipped;
    trend = beta * (level - previousLevel) / stepsElapsed + (1 - beta) * trend;
    variance = (1 - a) * variance + a * clipped * clipped;
    profile.add(lastAt, level);
  }

  private double outageFloor(long size) {
    return Math.max(settings.minimumOutageDevices(), settings.outageExcessRatio() * size);
  }

  private double degradedFloor(long size) {
    return Math.max(settings.minimumDegradedDevices(), settings.degradedExcessRatio() * size);
  }

  /** Expected minus connected, or minus connected when the observer has no expected count. */
  private static double offlineLike(Sample s) {
    return reference(s) - s.connected();
  }

  private static double reference(Sample s) {
    return s.expected() == null ? 0 : s.expected();
  }

  /** The cluster's size the floors are relative to: expected devices, else the baseline's connected. */
  private static long size(Sample s, double baselineOfflineLike) {
    return s.expected() != null ? s.expected() : Math.max(0, Math.round(-baselineOfflineLike));
  }

  /** Below this the noise estimate is not trusted: a perfectly steady series must not make 1 device an alarm. */
  private static double floorSigma(long size) {
    return Math.max(5, 0.0001 * size);
  }

  private static double square(double x) {
    return x * x;
  }
}
