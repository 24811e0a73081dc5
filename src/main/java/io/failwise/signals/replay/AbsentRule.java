package io.failwise.signals.replay;

import io.failwise.model.Format;
import java.time.Duration;

/**
 * {@code absent(connected)} held for {@code for}: the rule that notices a series that vanished, which
 * no ratio rule can (a comparison with nothing has no result).
 */
public record AbsentRule(Duration holdFor) implements AlertRule {

  public static AbsentRule usual() {
    return new AbsentRule(Duration.ofMinutes(1));
  }

  @Override
  public boolean[] active(FleetSeries series) {
    long[] c = series.connected();
    boolean[] active = new boolean[c.length];
    for (int i = 0; i < c.length; i++) {
      active[i] = c[i] < 0;
    }
    return active;
  }

  @Override
  public String alertName() {
    return "ConnectedAbsent";
  }

  @Override
  public String expr(String metric) {
    return "absent(" + metric + ")";
  }

  @Override
  public String describe() {
    return "absent(connected), for: " + Format.duration(holdFor);
  }
}
