package io.failwise.operator.observe;

import io.failwise.model.detect.ObserverVerdict;
import io.failwise.model.detect.QuorumVerdict;
import io.failwise.signals.SignalReading;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cluster's signal said when it was last read: a single reading (static or simulated counts)
 * or the Prometheus observers' verdicts combined by quorum.
 */
public sealed interface Observation {
  /** Time of the newest data in this observation, if any data was ever read. */
  Optional<Instant> newestData();

  /** Whether every part of this observation holds data read up to {@code at}. */
  boolean readUpTo(Instant at);

  /** A signal source's reading. */
  record Reading(SignalReading reading) implements Observation {
    @Override
    public Optional<Instant> newestData() {
      return reading.observation().map(o -> o.at());
    }

    @Override
    public boolean readUpTo(Instant at) {
      return newestData().filter(at::equals).isPresent();
    }
  }

  /** The Prometheus observers' verdicts. */
  record Quorum(QuorumVerdict verdict) implements Observation {
    @Override
    public Optional<Instant> newestData() {
      return verdict.observers().stream().map(ObserverVerdict::lastReadTime).filter(Objects::nonNull).max(Instant::compareTo);
    }

    @Override
    public boolean readUpTo(Instant at) {
      return !verdict.observers().isEmpty() && verdict.observers().stream().allMatch(o -> at.equals(o.lastReadTime()));
    }
  }
}
