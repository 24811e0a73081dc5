package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.operator.status.ReconcileFailure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C on run --embedded printed "Exception in thread "pool-18-thread-34"
 * java.util.NoSuchElementException" once in a few stops: JOSDK's reconciler pool met its informers
 * stopped under it. Once the stop has begun, an exception escaping a thread is the stop's and is not
 * printed; before it, it goes where it always went.
 */
class OperatorShutdownTest {
  @AfterEach
  void notStopping() {
    ReconcileFailure.markStopping(false);
  }

  @Test
  void anExceptionEscapingAThreadIsQuietOnlyOnceTheStopHasBegun() {
    List<String> printed = new ArrayList<>();
    var handler = new OperatorShutdown.QuietOnceStopping((t, e) -> printed.add(t.getName() + ": " + e.getMessage()));
    Thread pool = new Thread(() -> {}, "pool-18-thread-34");
    handler.uncaughtException(pool, new IllegalStateException("while running"));
    ReconcileFailure.markStopping(true);
    handler.uncaughtException(pool, new java.util.NoSuchElementException("No value present"));
    assertEquals(List.of("pool-18-thread-34: while running"), printed);
  }

  @Test
  void aCommandThatStopsTheControllerItselfMarksTheStopFirst() {
    // The operator closes its client under reconciles in flight: what they fail with then is the stop's,
    // and is not logged as a run that could not advance (DemoIT's drill, once in many runs).
    List<Boolean> stoppingWhenStopped = new ArrayList<>();
    OperatorShutdown.stopNow(() -> stoppingWhenStopped.add(ReconcileFailure.controllerStopping()));
    assertEquals(List.of(true), stoppingWhenStopped);
  }
}
