package io.failwise.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.ObserverStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {
  private static ClusterStatus status(long connected, String readAt, String observerState) {
    ClusterStatus s = new ClusterStatus();
    s.devices = new DeviceCounts(1_000L, connected, 1_000L - connected);
    s.health = "Healthy";
    s.lastSignalTime = readAt;
    ObserverStatus o = new ObserverStatus();
    o.name = "west";
    o.state = observerState;
    o.lastReadTime = readAt;
    s.observers = List.of(o);
    return s;
  }

  @Test
  void newerReadingTimesAloneWriteNothing() {
    ClusterStatus before = status(990, "2026-03-12T19:45:00Z", "Known");
    ClusterStatus after = Heartbeats.withoutHeartbeat(before, status(990, "2026-03-12T19:45:15Z", "Known"));
    assertFalse(StatusDiff.changed(before, after));
    assertEquals("2026-03-12T19:45:00Z", after.lastSignalTime);
    assertEquals("2026-03-12T19:45:00Z", after.observers.get(0).lastReadTime);
  }

  @Test
  void aChangeACounterOrAnObserverShowsCarriesItsReadingTime() {
    ClusterStatus before = status(990, "2026-03-12T19:45:00Z", "Known");
    ClusterStatus counts = Heartbeats.withoutHeartbeat(before, status(980, "2026-03-12T19:45:15Z", "Known"));
    assertTrue(StatusDiff.changed(before, counts));
    assertEquals("2026-03-12T19:45:15Z", counts.lastSignalTime);
    ClusterStatus observer = Heartbeats.withoutHeartbeat(before, status(990, "2026-03-12T19:45:30Z", "Unknown"));
    assertEquals("Unknown", observer.observers.get(0).state);
    assertEquals("2026-03-12T19:45:30Z", observer.observers.get(0).lastReadTime);
  }

  @Test
  void aFirstStatusIsWrittenAsIs() {
    ClusterStatus first = status(990, "2026-03-12T19:45:00Z", "Known");
    assertEquals(first, Heartbeats.withoutHeartbeat(null, first));
  }
}
