package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverPlaybook;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.model.estimate.RunnableMoves;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the repository's playbooks can carry out of a policy's decision: the scope of their shift. */
class PolicyPlaybooksTest {
  private static RunnableMoves moves(String file) {
    var doc = ResourceFiles.read(List.of(Path.of("playbooks", file))).get(0);
    return PolicyPlaybooks.moves(ResourceFiles.convert(doc, FailoverPlaybook.class));
  }

  @Test
  void aShiftOfEveryDeviceCannotMoveOnlyTheAffectedOnesAndTheOtherWayRound() {
    RunnableMoves regional = moves("regional-failover.yaml");
    assertTrue(regional.whole());
    assertFalse(regional.affected());
    assertEquals("the policy's playbook regional-failover moves every device of the cluster (its shift has scope All); a playbook whose"
        + " shift has scope Affected, such as affected-devices, moves only the affected ones", regional.why());
    RunnableMoves affected = moves("affected-devices.yaml");
    assertFalse(affected.whole());
    assertTrue(affected.affected());
  }
}
