package io.failwise.operator.run;

import io.failwise.execution.StepActions;
import io.failwise.operator.FailwiseConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the run runner from the application's beans. */
public class RunComponents {
  @Produces
  @Singleton
  RunRunner runner(RunStore store, RunWorld world, SourceLedger ledger, StepActions actions, RunListener listener, FailwiseConfig config) {
    return new RunRunner(store, world, ledger, new RunEffects(actions), listener, config.runs().undoAttempts(), config.runs().settle());
  }
}
