package io.failwise.model.estimate;

/**
 * How much longer the outage is expected to last, from the prior conditioned on the elapsed time.
 *
 * @param elapsedMinutes how long it has lasted so far
 * @param meanMinutes expected remaining minutes
 * @param medianMinutes as likely to be over before as after this many more minutes
 * @param p90Minutes over within this many more minutes with probability 0.9
 */
public record OutageOutlook(
    DurationPrior prior, double elapsedMinutes, double meanMinutes, double medianMinutes, double p90Minutes) {
  static OutageOutlook of(DurationPrior prior, RemainingOutage remaining) {
    return new OutageOutlook(
        prior, remaining.elapsedMinutes(), remaining.meanMinutes(), remaining.medianMinutes(), remaining.p90Minutes());
  }
}
