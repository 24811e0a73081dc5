package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.model.run.RunTransitions.Snapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunTransitionsTest {
  private static Snapshot at(String phase, String... steps) {
    return new Snapshot(phase, Arrays.asList(steps));
  }

  /** Each row: before, after, and why it is illegal ("" when legal). */
  private record Row(Snapshot before, Snapshot after, String illegal) {}

  private static final List<Row> ROWS = List.of(
      new Row(new Snapshot(null, List.of()), at("Pending"), ""),
      new Row(at("Pending"), at("Running", "Pending", "Pending"), ""),
      new Row(at("Running", "Pending", "Pending"), at("Running", "Running", "Pending"), ""),
      new Row(at("Running", "Running", "Pending"), at("Running", "Succeeded", "Running"), ""),
      new Row(at("Running", "Succeeded", "Running"), at("RollingBack", "Succeeded", "Failed"), ""),
      new Row(at("RollingBack", "Succeeded", "Failed"), at("RollingBack", "Undone", "Kept"), ""),
      new Row(at("RollingBack", "Undone", "Kept"), at("RolledBack", "Undone", "Kept"), ""),
      new Row(at("Pending", "Pending"), at("Pending"), ""), // waiting for the source drops the steps
      new Row(at("Running", "Succeeded"), at("Succeeded", "Succeeded"), ""),
      new Row(at("Succeeded", "Succeeded"), at("Running", "Succeeded"), "phase Succeeded may not move to Running"),
      new Row(at("Running", "Running"), at("Pending", "Running"), "phase Running may not move to Pending"),
      new Row(at("Running", "Running"), at("Planned", "Running"), "phase Running may not move to Planned"),
      new Row(at("Running", "Succeeded"), at("Running", "Pending"), "step 1 may not move from Succeeded to Pending"),
      new Row(at("Running", "Pending", "Undone"), at("Running", "Pending", "Running"), "step 2 may not move from Undone to Running"),
      new Row(at("Running", "Pending"), at("Running", "Succeeded"), "step 1 may not move from Pending to Succeeded"),
      new Row(at("Pending"), at("Running", "Running"), "step 1 starts as Running, not Pending"),
      new Row(at("Running", "Running"), at("Running"), "the steps may be dropped only while Pending, not Running"),
      new Row(at("Running", "Running"), at("Running", "Running", "Pending"), "the run had 1 step and would have 2"),
      new Row(at("Running", "Running"), at("Runing", "Running"), "'Runing' is not a phase"),
      new Row(at("Running", "Running"), at("Running", "Done"), "step 1: 'Done' is not a step state"),
      new Row(at("Exploded"), at("Running"), "the run's phase 'Exploded' is not a phase"));

  @Test
  void eachWriteIsCheckedAgainstThePhaseAndStepTables() {
    for (Row row : ROWS) {
      Optional<String> expected = row.illegal().isEmpty() ? Optional.empty() : Optional.of(row.illegal());
      assertEquals(expected, RunTransitions.illegal(row.before(), row.after()), row.before() + " -> " + row.after());
    }
  }

  @Test
  void everyPhaseMoveTheTableAllowsPassesAndEveryOtherIsCaught() {
    for (RunPhase from : RunPhase.values()) {
      for (RunPhase to : RunPhase.values()) {
        boolean legal = from == to || from.canMoveTo(to);
        Optional<String> why = RunTransitions.illegal(at(from.displayName()), at(to.displayName()));
        assertEquals(legal, why.isEmpty(), from + " -> " + to + ": " + why);
      }
    }
  }
}
