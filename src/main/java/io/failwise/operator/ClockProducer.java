package io.failwise.operator;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock every time-dependent part reads. It is the system clock, held in a switch so that
 * the demo can hand the controller the simulator's clock before the operator starts.
 */
public class ClockProducer {
  /** Injected as {@link Clock} everywhere, and as {@link SwitchableClock} by the demo. */
  @Produces
  @Singleton
  @DefaultBean
  SwitchableClock clock(FailwiseConfig config) {
    return new SwitchableClock(Clock.system(config.timeZone()));
  }
}
