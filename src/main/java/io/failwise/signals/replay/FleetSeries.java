package io.failwise.signals.replay;

import io.failwise.model.detect.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One cluster's generated device series at a fixed step: connected and expected devices, and a
 * counter of failed connection attempts, as an exporter would publish them.
 *
 * @param onset when the generated incident begins, null on a series without one
 * @param dips the small dips of normal operation the generator put in, for reports
 */
public record FleetSeries(
    String cluster,
    Instant start,
    Duration step,
    long[] connected,
    long[] expected,
    long[] connectionErrorsTotal,
    Instant onset,
    List<Dip> dips) {

  /** A short, small loss of devices that is part of normal operation (an ISP hiccup, a router reboot wave). */
  public record Dip(Instant start, long devices, Duration length) {}

  public int size() {
    return connected.length;
  }

  public Instant time(int i) {
    return start.plus(step.multipliedBy(i));
  }

  public Sample sample(int i) {
    return Sample.of(time(i), connected[i], expected[i]);
  }

  /** Index of the first sample at or after {@code at}. */
  public int indexOf(Instant at) {
    long i = Math.max(0, (Duration.between(start, at).toMillis() + step.toMillis() - 1) / step.toMillis());
    return (int) Math.min(i, size());
  }

  /** Samples with time in [from, to). */
  public List<Sample> samples(Instant from, Instant to) {
    List<Sample> out = new ArrayList<>();
    for (int i = indexOf(from); i < size() && time(i).isBefore(to); i++) {
      out.add(sample(i));
    }
    return out;
  }
}
