package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.api.FailoverRunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What `failwise promote` says of a plan's failed prechecks: each named with its reason. An outside pass
 * promoted a plan with "The plan had 1 failed precheck" and saw the run refused a second later for the
 * budget that precheck had found spent.
 */
class PromoteWordsTest {
  @Test
  void aPlansFailedPrechecksAreNamedWithWhy() {
    FailoverRunStatus.Plan plan = new FailoverRunStatus.Plan();
    plan.prechecks = List.of(
        new FailoverRunStatus.Check("TargetHealthy", true, "go-eu-north-1 is Healthy"),
        new FailoverRunStatus.Check("BudgetLeft", false, "the daily budget of go-eu-west-1 is used up"));
    assertEquals(" The plan had 1 failed precheck when it was made: BudgetLeft (the daily budget of go-eu-west-1 is used up); the run checks"
        + " again before it moves anything.", PromoteCommand.failedPrechecks(plan));
    plan.prechecks = List.of(new FailoverRunStatus.Check("TargetHealthy", true, "go-eu-north-1 is Healthy"));
    assertEquals("", PromoteCommand.failedPrechecks(plan));
    assertEquals("", PromoteCommand.failedPrechecks(null));
  }
}
