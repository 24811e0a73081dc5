package io.failwise.model.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

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
  /** How long after a Degraded episode starts its loss may still grow into the remembered offset. */
  private static final Duration ONSET_PHASE = Duration.ofMinutes(3);
  /** How many ended Outages are remembered ({@link #endedOutages}). */
  private static final int ENDED_KEPT = 16;

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
  /** The CUSUM just before {@link #changeStart}: its lowest since the change it dates began. */
  private double cusumBeforeChange;
  /** Whether the CUSUM was held at the alarm level for a shift too small to matter. */
  private boolean heldForSmallShift;
  /**
   * A CUSUM in devices on the scale of a loss that matters (allowance: half the Degraded floor), and the
   * first sample after its last zero: the change point of a loss at least the floor, which dates a loss
   * that the noise-scale CUSUM would date by a small shift held before it.
   */
  private double floorCusum;
  private Instant floorChangeStart;
  private double frozenBaseline;
  private double frozenTrend;
  private Instant onset;
  private Instant recoveringSince;
  /**
   * When the devices of the latest Outage that ended came back: the first sample of the recovery hold
   * that ended it (the hold only confirms they stayed back). Null while an Outage goes on.
   */
  private Instant outageBackAt;
  private Instant degradedSince;
  private Instant frozenSince;
  private DetectionVerdict last;
  private final DailyProfile profile;
  /** Devices offline above the baseline that a Degraded episode has lost and not yet got back. */
  private double lossOffset;
  private double degradedSigma;
  /**
   * An Outage a maintenance window began during (failwise silence): Degraded while the window lasts,
   * not over. It ends inside the window as an Outage ends (the excess below half the Outage floor for
   * the recovery hold, counted since {@link #silencedRecoveringSince}); if it has not ended when the
   * window does, it is the same Outage again.
   */
  private boolean outageSilenced;
  private Instant silencedRecoveringSince;
  private final RecentResiduals recent;
  private final Deque<EndedOutage> ended = new ArrayDeque<>();

  public OfflineDetector(DetectorSettings settings) {
    this.settings = settings;
    this.alpha = settings.alphaPerStep();
    // The trend adapts a few times slower than the level: it carries the evening ramp, not noise.
    this.beta = alpha / 4;
    this.profile = new DailyProfile(settings.step());
    this.recent = new RecentResiduals(settings.confirmSamples());
  }

  /** The latest verdict, or null before the first sample. */
  public DetectionVerdict verdict() {
    return last;
  }

  /**
   * The latest Outages that ended (at most {@value #ENDED_KEPT}), oldest first: what the verdict of the
   * last sample cannot say when several samples are taken at once, as when a reader catches up on a gap.
   */
  public List<EndedOutage> endedOutages() {
    return List.copyOf(ended);
  }

  /** Time of the last sample taken, or null. */
  public Instant lastSampleTime() {
    return lastAt;
  }

  /** Takes the next sample (older or repeated samples are ignored) and returns the verdict. */
  public DetectionVerdict step(Sample s) {
    return step(s, false);
  }

  /**
   * The same, for a sample taken inside a planned maintenance window when {@code maintenance}: a loss
   * is then at most DEGRADED (reason Maintenance), an OUTAGE in progress steps down to DEGRADED, and
   * a loss still large enough when the window is over becomes an OUTAGE as usual.
   */
  public DetectionVerdict step(Sample s, boolean maintenance) {
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
    // In an Outage the baseline is frozen (a real outage must not become the new normal); otherwise it
    // keeps following the rhythm, with clipped updates that absorb almost nothing of a loss.
    double predicted = state == DetectionState.OUTAGE ? projected(s.at()) : level + trend * stepsElapsed;
    double residual = y - predicted;
    double sigma = Math.max(Math.sqrt(variance), floorSigma(size(s, predicted)));
    long size = size(s, predicted);
    recent.add(residual);

    switch (state) {
      case LEARNING -> {
        learn(predicted, residual, sigma, stepsElapsed);
        if (samples >= settings.warmUpSamples()) {
          state = DetectionState.NORMAL;
        }
      }
      case NORMAL -> normal(s.at(), predicted, residual, sigma, size, stepsElapsed, maintenance);
      case DEGRADED -> degraded(s.at(), y, predicted, residual, sigma, size, stepsElapsed, maintenance);
      case OUTAGE -> outage(s.at(), y, predicted, residual, size, maintenance);
    }
    last =
        new DetectionVerdict(
            state,
            s.at(),
            s.connected(),
            s.expected(),
            Math.round(residual),
            Math.round(reference(s) - predicted),
            state.alarmed() ? onset : null,
            cusum,
            maintenance,
            outageSilenced,
            outageBackAt);
    return last;
  }

  private void normal(
      Instant at, double predicted, double residual, double sigma, long size, long stepsElapsed, boolean maintenance) {
    double z = Math.min(residual / sigma, settings.maxStepSigmas());
    double before = cusum;
    cusum = Math.max(0, cusum + z - settings.allowanceSigmas());
    if (cusum == 0) {
      changeStart = null;
      heldForSmallShift = false;
    } else if (heldForSmallShift && cusum < settings.alarmSigmas() / 2) {
      // The small shift it was held for is absorbed (the CUSUM came half-way down): what rises next is a
      // change of its own, dated from the CUSUM's lowest point from here on.
      heldForSmallShift = false;
      changeStart = at;
      cusumBeforeChange = before;
    } else if (changeStart == null || before <= cusumBeforeChange) {
      // The CUSUM change-point estimate: the change began with the first sample after its last zero, or
      // after a lower value than it had when the change it dates began.
      changeStart = at;
      cusumBeforeChange = before;
    }
    floorCusum = Math.max(0, floorCusum + residual - degradedFloor(size) / 2);
    if (floorCusum == 0) {
      floorChangeStart = null;
    } else if (floorChangeStart == null) {
      floorChangeStart = at;
    }
    if (cusum >= settings.alarmSigmas()) {
      // Measured against the baseline now, not at the change point: the baseline has followed the
      // rhythm since, and its clipped updates let it absorb almost nothing of a real onset. Only an
      // excess that held for confirmSamples samples in a row counts, so a glitch that returns never does.
      // Within the noise of the floor counts: a loss of exactly the floor must not be a coin toss.
      double confirmed = recent.confirmed();
      if (atFloor(confirmed, outageFloor(size), sigma) && !maintenance) {
        onset = lossOnset();
        enterOutage(at, predicted);
        return;
      }
      if (confirmed >= degradedFloor(size)) {
        onset = lossOnset();
        enterDegraded(at, recent.confirmed());
        learn(predicted, residual - lossOffset, sigma, stepsElapsed);
        return;
      }
      if (residual < degradedFloor(size)) {
        // Significant but too small to matter: keep adapting, and do not let evidence pile up forever.
        // A loss growing through this (a slow onset) keeps its change point; a shift the baseline
        // absorbs lets the CUSUM come down, and a later loss is then dated by itself.
        cusum = settings.alarmSigmas();
        heldForSmallShift = true;
      }
    }
    learn(predicted, residual, sigma, stepsElapsed);
  }

  /**
   * The onset of a loss confirmed now: the change point of a loss that matters, the first sample after the
   * last zero of {@link #floorCusum}, or the noise-scale CUSUM's change point when that is later. The
   * noise-scale CUSUM alone dates the first significant rise, and a drift of a few dozen devices that the
   * baseline lags behind (or a shift too small to matter, held at the alarm level) keeps it above zero for
   * many minutes: it once dated a loss of 72,000 devices 10 minutes before the loss began. A loss that
   * grows slowly is dated from when it reached half the smallest loss that matters.
   */
  private Instant lossOnset() {
    return floorChangeStart == null || !floorChangeStart.isAfter(changeStart) ? changeStart : floorChangeStart;
  }

  private void enterOutage(Instant at, double baseline) {
    outageSilenced = false;
    silencedRecoveringSince = null;
    state = DetectionState.OUTAGE;
    frozenBaseline = baseline;
    frozenTrend = trend;
    frozenSince = at;
    recoveringSince = null;
    outageBackAt = null;
  }

  private void enterDegraded(Instant at, double loss) {
    degradedSigma = Math.max(Math.sqrt(variance), 1);
    state = DetectionState.DEGRADED;
    degradedSince = at;
    recoveringSince = null;
    lossOffset = Math.max(0, loss);
  }

  /**
   * The baseline during an Outage: the level when it began, moved as the daily rhythm moves it
   * (learned on earlier days), or by the trend of that moment for at most an hour while no day is
   * known yet.
   */
  private double projected(Instant at) {
    double rhythm = profile.change(frozenSince, at);
    if (!Double.isNaN(rhythm)) {
      return frozenBaseline + rhythm;
    }
    long steps = Math.min(Duration.between(frozenSince, at).toMillis(), Duration.ofHours(1).toMillis()) / settings.step().toMillis();
    return frozenBaseline + frozenTrend * Math.max(0, steps);
  }

  /**
   * Degraded: the loss is remembered as an offset and the baseline keeps following the rhythm of the
   * series without it, so a loss that persists stays visible instead of being absorbed. The offset
   * moves only when the last confirmSamples residuals all leave it by more than two noise units (the
   * loss grew, or devices came back): the rhythm moves a few devices a step, a loss or a return
   * hundreds at once.
   */
  private void degraded(
      Instant at, double y, double predicted, double excess, double sigma, long size, long stepsElapsed, boolean maintenance) {
    if (outageSilenced) {
      if (!maintenance) {
        // The window is over and the Outage it silenced did not end inside it: the same Outage (the
        // same onset) goes on, with the recovery hold it had counted so far.
        Instant recovering = silencedRecoveringSince;
        enterOutage(at, predicted);
        recoveringSince = recovering;
        return;
      }
      if (silencedOutageEnded(at, excess, size)) {
        // Enough devices came back inside the window: the Outage is over now, as it would be without it.
        outageBackAt = silencedRecoveringSince;
        remember(silencedRecoveringSince, at);
        outageSilenced = false;
        silencedRecoveringSince = null;
      }
    }
    if (atFloor(recent.confirmed(), outageFloor(size), sigma) && !maintenance) {
      enterOutage(at, predicted);
      return;
    }
    if (Duration.between(degradedSince, at).compareTo(settings.degradedAcceptAfter()) >= 0) {
      // A loss that has neither grown into an Outage nor healed for this long is the new normal level.
      backToNormal(y);
      return;
    }
    if (recovered(at, excess, degradedFloor(size))) {
      backToNormal(y);
      return;
    }
    // The noise scale of the episode's start: the current one grows while the baseline catches up
    // with a steep rhythm, and a gate that grows with it would stop the offset from following a return.
    double gate = 2 * degradedSigma;
    // The offset grows only while the loss is still falling in (the first minutes of the episode):
    // later, a steady rise is as likely the rhythm, and the rhythm belongs to the baseline.
    boolean onsetPhase = Duration.between(degradedSince, at).compareTo(ONSET_PHASE) <= 0;
    if (onsetPhase && recent.confirmed() > lossOffset + gate) {
      lossOffset = recent.confirmed() - gate;
    } else if (recent.highest() < lossOffset - gate) {
      lossOffset = Math.max(0, recent.highest() + gate);
    }
    // Once the devices are back (recovering), the series itself is the baseline's again.
    learn(predicted, recoveringSince != null ? excess : excess - lossOffset, sigma, stepsElapsed);
  }

  private void outage(Instant at, double y, double baseline, double excess, long size, boolean maintenance) {
    if (maintenance) {
      // A window declared during an Outage (failwise silence): Degraded from the frozen baseline on,
      // and the Outage silenced, not ended (its recovery hold so far carried along).
      boolean back = excess < outageFloor(size) * settings.recoveryRatio();
      Instant recovering = back ? (recoveringSince == null ? at : recoveringSince) : null;
      stepDown(at, baseline, excess);
      outageSilenced = true;
      silencedRecoveringSince = recovering;
      return;
    }
    if (!recovered(at, excess, outageFloor(size))) {
      return;
    }
    Instant back = recoveringSince;
    remember(back, at);
    if (excess >= degradedFloor(size) * settings.recoveryRatio()) {
      stepDown(at, baseline, excess);
    } else {
      backToNormal(y);
    }
    outageBackAt = back;
  }

  /** An Outage that ends now (its onset still set), its devices back since {@code back}. */
  private void remember(Instant back, Instant at) {
    if (onset == null || back == null) {
      return;
    }
    if (ended.size() == ENDED_KEPT) {
      ended.removeFirst();
    }
    ended.addLast(new EndedOutage(onset, back, at));
  }

  /** Outage to Degraded: the baseline follows the rhythm again from the frozen one, the rest is the loss. */
  private void stepDown(Instant at, double baseline, double excess) {
    enterDegraded(at, excess);
    level = baseline;
    trend = 0;
  }

  /** Whether the excess has stayed below the floor's recovery fraction for the hold; tracks when it began. */
  private boolean recovered(Instant at, double excess, double floor) {
    if (excess >= floor * settings.recoveryRatio()) {
      recoveringSince = null;
      return false;
    }
    if (recoveringSince == null) {
      recoveringSince = at;
    }
    return Duration.between(recoveringSince, at).compareTo(settings.recoveryHold()) >= 0;
  }

  /**
   * Whether a silenced Outage has ended inside its window: the excess below the Outage floor's
   * recovery fraction for the recovery hold, the rule that ends an Outage without a window.
   */
  private boolean silencedOutageEnded(Instant at, double excess, long size) {
    if (excess >= outageFloor(size) * settings.recoveryRatio()) {
      silencedRecoveringSince = null;
      return false;
    }
    if (silencedRecoveringSince == null) {
      silencedRecoveringSince = at;
    }
    return Duration.between(silencedRecoveringSince, at).compareTo(settings.recoveryHold()) >= 0;
  }

  /** Recovered (or accepted): start the baseline again from where the series is now. */
  private void backToNormal(double y) {
    outageSilenced = false;
    silencedRecoveringSince = null;
    state = DetectionState.NORMAL;
    level = y;
    trend = 0;
    cusum = 0;
    changeStart = null;
    onset = null;
    heldForSmallShift = false;
    floorCusum = 0;
    floorChangeStart = null;
    recoveringSince = null;
    degradedSince = null;
    lossOffset = 0;
  }

  private void learn(double predicted, double residual, double sigma, long stepsElapsed) {
    double clipped = Math.max(-CLIP_SIGMAS * sigma, Math.min(CLIP_SIGMAS * sigma, residual));
    // While learning, a plain running mean: the slow half-life would leave the first guesses in charge.
    double a = state == DetectionState.LEARNING ? Math.max(alpha, 1.0 / samples) : alpha;
    double previousLevel = level;
    level = predicted + a * clipped;
    trend = beta * (level - previousLevel) / stepsElapsed + (1 - beta) * trend;
    variance = (1 - a) * variance + a * clipped * clipped;
    profile.add(lastAt, level);
  }

  /**
   * Whether a confirmed excess reaches a floor, within the noise (at most 5 % of the floor): a loss of
   * exactly the floor must not be a coin toss, and an inflated noise scale must not lower the floor.
   */
  private static boolean atFloor(double confirmed, double floor, double sigma) {
    return confirmed + Math.min(CLIP_SIGMAS * sigma, 0.05 * floor) >= floor;
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
