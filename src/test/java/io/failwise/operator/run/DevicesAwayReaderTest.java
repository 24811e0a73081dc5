package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.operator.DevicesAway;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which run has a cluster's devices away: its source holder from the first shift wave on (a run waiting
 * for its approval has moved nothing, and an outage that ends meanwhile must end), or the run after which
 * its counts settle; never a run that only holds it as its target.
 */
class DevicesAwayReaderTest {
  private static final Instant UNTIL = Instant.parse("2026-03-12T22:10:00Z");

  private static FailoverRun run(String shiftState) {
    FailoverRun run = new FailoverRun();
    run.setStatus(new FailoverRunStatus());
    FailoverRunStatus.StepStatus approve = new FailoverRunStatus.StepStatus();
    approve.name = "approve";
    approve.kind = "Approval";
    approve.state = "Running";
    FailoverRunStatus.StepStatus shift = new FailoverRunStatus.StepStatus();
    shift.name = "shift";
    shift.kind = "Shift";
    shift.state = shiftState;
    run.getStatus().steps = List.of(approve, shift);
    return run;
  }

  @Test
  void aHolderCountsFromItsFirstShiftWave() {
    var source = new SourceLedger.Claim.HeldBy("incident", SourceLedger.Role.SOURCE);
    assertEquals(Optional.empty(), DevicesAwayReader.away(source, run("Pending")), "waiting for its approval: nothing moved");
    assertEquals(Optional.of(new DevicesAway("incident", null)), DevicesAwayReader.away(source, run("Running")));
    assertEquals(Optional.empty(), DevicesAwayReader.away(source, null), "a holder that is gone moved nothing it still has");
    assertEquals(Optional.empty(), DevicesAwayReader.away(new SourceLedger.Claim.HeldBy("drill", SourceLedger.Role.TARGET), run("Running")),
        "devices moved into a cluster are not away from it");
    assertEquals(Optional.of(new DevicesAway("incident", UNTIL)), DevicesAwayReader.away(new SourceLedger.Claim.Settling("incident", UNTIL), null));

    // Ended Failed and not resolved: it still holds the cluster, and moves nothing any more.
    FailoverRun failed = run("Kept");
    failed.getStatus().phase = "Failed";
    assertEquals(Optional.of(new DevicesAway("incident", null, "Failed")), DevicesAwayReader.away(source, failed));
  }
}
