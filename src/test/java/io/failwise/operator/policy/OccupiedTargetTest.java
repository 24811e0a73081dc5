package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.operator.run.SourceLedger;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which occupied targets a decision passes over: those a live run holds, not those whose counts only settle. */
class OccupiedTargetTest {
  @Test
  void aHeldTargetIsPassedOverWithTheRunAndItsRoleAndASettlingOneIsNot() {
    assertEquals(
        Optional.of("go-eu-north-1 is held by run drill-q4 as its target (a run into it would wait until that run ends)"),
        OccupiedTarget.reason("go-eu-north-1", new SourceLedger.Claim.HeldBy("drill-q4", SourceLedger.Role.TARGET)));
    assertEquals(
        Optional.of("go-eu-north-1 is held by run failover-north as its source (a run into it would wait until that run ends)"),
        OccupiedTarget.reason("go-eu-north-1", new SourceLedger.Claim.HeldBy("failover-north", SourceLedger.Role.SOURCE)));
    // Minutes with a known end: a run created now waits them out and starts on its own.
    assertEquals(Optional.empty(),
        OccupiedTarget.reason("go-eu-north-1", new SourceLedger.Claim.Settling("drill-q4", Instant.parse("2026-03-12T21:10:00Z"))));
  }
}
