package io.failwise.model.estimate;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How much longer the outage must last for failing over to lose fewer device-minutes than holding,
 * and how likely that is under the prior conditioned on the time already elapsed.
 *
 * @param option the failover option that pays off first; empty when no failover option is feasible
 * @param minutes the extra outage beyond which it pays off; empty when it never does
 * @param probability P(remaining outage > minutes); 0 when it never pays off
 */
public record BreakEven(Optional<Recommendation> option, OptionalDouble minutes, double probability) {
  static BreakEven none() {
    return new BreakEven(Optional.empty(), OptionalDouble.empty(), 0.0);
  }

  /** Whether some failover option pays off if the outage lasts long enough. */
  public boolean reachable() {
    return minutes.isPresent();
  }
}
