package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.status.Conditions;
import io.failwise.testing.RecordedEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reconcile that throws ends as the policy's status and one Warning Event, not a retry storm. */
class PolicyReconcileFailureTest {
  private static final Instant NOW = Instant.parse("2026-03-12T20:00:00Z");

  private static FailwiseConfig config() {
    return RecordedEvents.pollingEvery(Duration.ofSeconds(15));
  }


  private static FailoverPolicy policy() {
    FailoverPolicy p = new FailoverPolicy();
    p.setMetadata(new ObjectMetaBuilder().withName("eu").withNamespace("fleet").withGeneration(3L).build());
    p.setSpec(new FailoverPolicySpec());
    return p;
  }

  /** What an unchecked outageForSeconds did before the bounds: a long overflow. */
  private static RuntimeException overflow() {
    try {
      Math.addExact(Long.MAX_VALUE, 1);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError();
  }

  @Test
  void aFailureIsShownInReadyWithTheExceptionAndWarnedOnce() {
    RecordedEvents events = new RecordedEvents(NOW);
    PolicyReconciler r = new PolicyReconciler(null, config(), Clock.fixed(NOW, ZoneOffset.UTC), events);
    FailoverPolicy p = policy();
    RuntimeException e = overflow();

    var control = r.failed(p, e, NOW);

    assertTrue(control.isPatchStatus(), "the status says what went wrong");
    assertEquals(Duration.ofSeconds(15).toMillis(), control.getScheduleDelay().orElseThrow(), "looked at again on the poll, not in a tight retry");
    var ready = Conditions.find(p.getStatus().conditions, "Ready").orElseThrow();
    assertEquals("False", ready.getStatus());
    assertEquals("ReconcileFailed", ready.getReason());
    assertTrue(ready.getMessage().startsWith("The controller could not reconcile this policy: ArithmeticException: long overflow (at "), ready.getMessage());
    assertEquals(3L, p.getStatus().observedGeneration);
    assertEquals(List.of("ReconcileFailed: " + ready.getMessage()), events.warnings);

    // The same failure again (a cluster event, the poll): no write, no second Event.
    var again = r.failed(p, overflow(), NOW.plusSeconds(15));
    assertTrue(!again.isPatchStatus());
    assertEquals(1, events.warnings.size());
  }

  @Test
  void theMessageNamesTheExceptionAndWhereInFailwiseItCameFrom() {
    RuntimeException e = new IllegalStateException("boom");
    e.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("java.lang.Math", "addExact", "Math.java", 1),
      new StackTraceElement("io.failwise.model.policy.PolicyTrigger", "untilNextLook", "PolicyTrigger.java", 2)});
    assertEquals("IllegalStateException: boom (at PolicyTrigger.untilNextLook)", PolicyReconciler.describe(e));
  }
}
