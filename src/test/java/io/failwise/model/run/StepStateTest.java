package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepStateTest {
  /** Every pair of step states, by hand: row = from, column = to (same order), X = allowed. */
  private static final String[] TRANSITIONS = {
    //           Pen Run Suc Fai Und Kep
    "Pending     .   X   .   .   .   .",
    "Running     .   .   X   X   X   X",
    "Succeeded   .   .   .   .   X   X",
    "Failed      .   .   .   .   X   X",
    "Undone      .   .   .   .   .   .",
    "Kept        .   .   .   .   .   .",
  };

  @Test
  void everyPairOfStepStatesIsAllowedOrRefusedAsTheTableSays() {
    StepState[] states = StepState.values();
    assertEquals(states.length, TRANSITIONS.length, "one row per state");
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      String[] cells = TRANSITIONS[i].trim().split("\\s+");
      assertEquals(states[i].displayName(), cells[0]);
      for (int j = 0; j < states.length; j++) {
        if (states[i].canMoveTo(states[j]) != cells[j + 1].equals("X")) {
          wrong.add(states[i].displayName() + " -> " + states[j].displayName());
        }
      }
      assertEquals(cells.length == 1 + states.length, true, TRANSITIONS[i]);
      assertEquals(states[i].next().isEmpty(), states[i].isTerminal());
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void parsesOnlyTheNamesWrittenInStatus() {
    for (StepState s : StepState.values()) {
      assertEquals(s, StepState.parse(s.displayName()).orElseThrow());
    }
    assertEquals(java.util.Optional.empty(), StepState.parse("RUNNING"));
    assertEquals(java.util.Optional.empty(), StepState.parse(null));
  }
}
