package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Event;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.model.run.RunPhase;
import io.failwise.operator.PlaybookReconciler;
import io.failwise.operator.status.EventRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An SRE edits the playbook while a failover waits for its approval (a wave too large, a stop condition too
 * loose): the run keeps the plan it made, so the approver is told on the run itself that the steps they are
 * about to approve are not the playbook's current ones. Before, the edit was silent.
 */
@QuarkusTest
@TestProfile(RunsProfile.class)
class PlaybookEditedDuringRunIT extends RunsOnTestServer {
  @Test
  void aRunWaitingForApprovalIsToldThatItKeepsThePlanItMade() throws Exception {
    var playbooks = world.client.resources(FailoverPlaybook.class).inNamespace(RunsFixture.NS);
    world.startController(RunListener.NONE, new PlaybookReconciler(world.clock, new EventRecorder(world.client, world.clock)));
    Awaitility.await("the playbook's status is written").atMost(Duration.ofSeconds(60))
        .until(() -> playbooks.withName("regional-failover").get().getStatus() != null);
    world.setConnected("go-eu-west-1", 100_000);
    world.awaitObserved("go-eu-west-1", 100_000);
    world.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, null);
    FailoverRun waiting = world.drive("incident", r -> false, r -> RunStatuses.phase(r) == RunPhase.AWAITING_APPROVAL);
    long planned = waiting.getStatus().plan.playbookGeneration;

    playbooks.withName("regional-failover").edit(p -> {
      p.getSpec().stopConditions.get(0).graceSeconds = 30L;
      return p;
    });

    Event told = Awaitility.await("a Warning Event on the run").atMost(Duration.ofSeconds(60))
        .until(() -> events("FailoverRun", "incident", "PlaybookEdited"), l -> !l.isEmpty()).get(0);
    assertEquals("Warning", told.getType());
    assertEquals("Playbook regional-failover was edited (generation " + (planned + 1) + ") while this run was AwaitingApproval: the run goes on"
        + " with the steps and stop conditions of generation " + planned + " it planned with; the edit applies to runs planned from now on.",
        told.getMessage());
    Event onPlaybook = Awaitility.await("an Event on the playbook").atMost(Duration.ofSeconds(60))
        .until(() -> events("FailoverPlaybook", "regional-failover", "EditedDuringRun"), l -> !l.isEmpty()).get(0);
    assertEquals("Generation " + (planned + 1) + " applies to runs planned from now on; 1 run in progress keeps the steps it planned with: incident.",
        onPlaybook.getMessage());
    assertEquals(planned, world.run("incident").getStatus().plan.playbookGeneration, "the plan the run made is kept");
  }

  private List<Event> events(String kind, String name, String reason) {
    return world.client.v1().events().inNamespace(RunsFixture.NS).list().getItems().stream()
        .filter(e -> kind.equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .toList();
  }
}
