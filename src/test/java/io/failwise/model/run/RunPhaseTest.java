package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunPhaseTest {
  /**
   * Every pair of phases, written out by hand: row = from, column = to, X = allowed. The order of
   * columns is the order of the rows. A change to the lifecycle must change this table on purpose.
   */
  private static final String[] TRANSITIONS = {
    //                    Pen Pla Ref Run Awa Hal Rol Suc RoB Abo Fai
    "Pending              .   X   X   X   .   .   .   .   .   X   .",
    "Planned              .   .   .   .   .   .   .   .   .   .   .",
    "Refused              .   .   .   .   .   .   .   .   .   .   .",
    "Running              .   .   .   .   X   X   X   X   .   .   .",
    "AwaitingApproval     .   .   .   X   .   X   X   .   .   .   .",
    "Halted               .   .   .   X   .   .   X   .   .   .   .",
    "RollingBack          .   .   .   .   .   .   .   .   X   .   X",
    "Succeeded            .   .   .   .   .   .   .   .   .   .   .",
    "RolledBack           .   .   .   .   .   .   .   .   .   .   .",
    "Aborted              .   .   .   .   .   .   .   .   .   .   .",
    "Failed               .   .   .   .   .   .   .   .   .   .   .",
  };

  /** Which user actions each phase accepts: approve, abort, resolve. */
  private static final String[] ACTIONS = {
    "Pending              .   X   .",
    "Planned              .   .   .",
    "Refused              .   .   .",
    "Running              .   X   .",
    "AwaitingApproval     X   X   .",
    "Halted               .   X   .",
    "RollingBack          .   .   .",
    "Succeeded            .   .   .",
    "RolledBack           .   .   .",
    "Aborted              .   .   .",
    "Failed               .   .   X",
  };

  @Test
  void everyPairOfPhasesIsAllowedOrRefusedAsTheTableSays() {
    RunPhase[] phases = RunPhase.values();
    assertEquals(phases.length, TRANSITIONS.length, "one row per phase");
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < phases.length; i++) {
      String[] cells = TRANSITIONS[i].trim().split("\\s+");
      assertEquals(phases[i].displayName(), cells[0], "row " + i + " is " + phases[i]);
      for (int j = 0; j < phases.length; j++) {
        boolean expected = cells[j + 1].equals("X");
        if (phases[i].canMoveTo(phases[j]) != expected) {
          wrong.add(phases[i].displayName() + " -> " + phases[j].displayName() + " should be " + (expected ? "allowed" : "refused"));
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void eachPhaseAcceptsExactlyTheUserActionsTheTableSays() {
    RunPhase[] phases = RunPhase.values();
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < phases.length; i++) {
      String[] cells = ACTIONS[i].trim().split("\\s+");
      assertEquals(phases[i].displayName(), cells[0]);
      UserAction[] actions = {UserAction.APPROVE, UserAction.ABORT, UserAction.RESOLVE};
      for (int a = 0; a < actions.length; a++) {
        boolean expected = cells[a + 1].equals("X");
        if (phases[i].accepts(actions[a]) != expected) {
          wrong.add(phases[i].displayName() + " " + actions[a].verb() + " should be " + (expected ? "accepted" : "refused"));
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void terminalPhasesAreExactlyThoseWithoutTransitionsAndNoneAcceptsAnActionThatMovesARun() {
    for (RunPhase p : RunPhase.values()) {
      assertEquals(p.next().isEmpty(), p.isTerminal(), p.displayName());
      if (p.isTerminal()) {
        for (UserAction a : UserAction.values()) {
          // Resolving moves no phase: it frees the clusters a Failed run holds, and is accepted nowhere else.
          assertTrue(!p.accepts(a) || (a == UserAction.RESOLVE && p == RunPhase.FAILED), p.displayName() + " is terminal but accepts " + a.verb());
        }
      }
    }
  }

  @Test
  void everyPhaseIsReachableFromPendingAndEveryPathEndsInATerminalPhase() {
    var reached = java.util.EnumSet.of(RunPhase.PENDING);
    var frontier = new ArrayList<>(List.of(RunPhase.PENDING));
    while (!frontier.isEmpty()) {
      RunPhase p = frontier.remove(0);
      for (RunPhase n : p.next()) {
        if (reached.add(n)) {
          frontier.add(n);
        }
      }
    }
    assertEquals(java.util.EnumSet.allOf(RunPhase.class), reached);
    // Every non-terminal phase can still reach a terminal one: no run can be stuck by the lifecycle.
    for (RunPhase p : RunPhase.values()) {
      assertTrue(canReachTerminal(p, java.util.EnumSet.noneOf(RunPhase.class)), p.displayName());
    }
  }

  @Test
  void parsesTheNamesWrittenInStatus() {
    for (RunPhase p : RunPhase.values()) {
      assertEquals(p, RunPhase.parse(p.displayName()).orElseThrow());
    }
    assertTrue(RunPhase.parse("running").isEmpty(), "status names are case-sensitive");
  }

  private static boolean canReachTerminal(RunPhase p, java.util.Set<RunPhase> seen) {
    if (p.isTerminal()) {
      return true;
    }
    if (!seen.add(p)) {
      return false;
    }
    return p.next().stream().anyMatch(n -> canReachTerminal(n, seen));
  }
}
