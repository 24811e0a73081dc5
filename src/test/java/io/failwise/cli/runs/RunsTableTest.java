package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import org.junit.jupiter.api.Test;

/**
 * `failwise runs` says which listed runs were deleted and what they wait for: a deleted Failed run stays
 * until a person resolves it (its finalizer), and read as any Failed run its deletion was forgotten.
 */
class RunsTableTest {
  private static FailoverRun run(String phase, boolean deleted) {
    FailoverRun r = new FailoverRun();
    r.setMetadata(new ObjectMetaBuilder().withName("incident").withNamespace("failwise").withCreationTimestamp("2026-03-12T21:00:00Z")
        .withDeletionTimestamp(deleted ? "2026-03-12T22:00:00Z" : null).build());
    r.setSpec(new FailoverRunSpec());
    r.getSpec().playbook = "regional-failover";
    r.getSpec().source = "go-eu-west-1";
    r.setStatus(new FailoverRunStatus());
    r.getStatus().phase = phase;
    r.getStatus().message = "The message.";
    return r;
  }

  @Test
  void aDeletedRunSaysWhatItWaitsFor() {
    assertEquals("Deleted; it goes once a person has finished what it left and run `failwise resolve incident`. ",
        RunsCommand.deletion(run("Failed", true)));
    assertEquals("Deleted; the controller undoes it before it goes. ", RunsCommand.deletion(run("RollingBack", true)));
    assertEquals("", RunsCommand.deletion(run("Failed", false)));
    java.io.StringWriter out = new java.io.StringWriter();
    RunsCommand.table(java.util.List.of(run("Failed", true)), java.time.Instant.parse("2026-03-12T22:05:00Z")).print(new java.io.PrintWriter(out, true));
    String table = out.toString();
    org.junit.jupiter.api.Assertions.assertTrue(table.contains("Failed, deleting"), table);
  }
}
