package io.failwise.operator.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Drill;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.operator.status.EventRecorder;
import io.failwise.testing.ApiWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The confused deputy refused on an API server, by the real controller with the test profile's
 * allow-list (failwise.allow.objects): a drill that would patch kube-system/coredns and one that would
 * call the metadata endpoint end Refused before their first step, with an Event naming the object and
 * the rule; an allowed drill of the same source still succeeds.
 */
@QuarkusTest
@TestProfile(RunsProfile.class)
class RunAllowListIT extends RunsOnTestServer {
  @Inject KubernetesClient client;
  @Inject EventRecorder events;
  @Inject FailoverRuns runs;

  private static Drill canary() {
    Drill d = new Drill();
    d.maxPercent = 5;
    d.holdSeconds = 60L;
    return d;
  }

  /** The run's Events, once the recorder has written what it was given (it writes on a thread of its own). */
  private List<Event> eventsOf(String run) {
    assertTrue(events.flush(Duration.ofSeconds(30)), "the events were written");
    return client.v1().events().inNamespace(RunsFixture.NS).list().getItems().stream()
        .filter(e -> run.equals(e.getInvolvedObject().getName())).toList();
  }

  @Test
  void runsOutsideTheAllowListAreRefusedBeforeTheirFirstStepAndAnAllowedOneSucceeds() throws Exception {
    ApiWorld.on(client).namespace("kube-system");
    client.configMaps().inNamespace("kube-system").withName("coredns").delete();
    ConfigMap coredns = client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata().withName("coredns")
        .endMetadata().withData(Map.of("Corefile", ".:53 {\n    forward . /etc/resolv.conf\n}\n")).build()).create();
    world.playbook("hijack-dns", "quarterly-drill", p -> {
      var patch = p.getSpec().steps.get(1).shift.action.patch;
      patch.namespace = "kube-system";
      patch.name = "coredns";
    });
    world.playbook("steal-credentials", "affected-devices", p -> p.getSpec().steps.get(1).shift.action.webhook.url = "http://169.254.169.254/latest/meta-data/");
    world.startController(new RunEvents(events));

    FailoverRun dns = world.driveToEnd(world.create("drill-dns", "hijack-dns", "go-eu-west-1", Mode.Drill, canary()).getMetadata().getName(), r -> false);
    assertEquals("Refused", dns.getStatus().phase, dns.getStatus().message);
    assertEquals(
        "Refused before its first step: in step shift-canary, ConfigMap kube-system/coredns is not in the allow-list: it misses rule"
            + " 'ConfigMap failwise/device-routing' of failwise.allow.objects. Nothing was changed." + RunFinish.REFUSED_IS_FINAL,
        dns.getStatus().message);
    ConfigMap after = client.configMaps().inNamespace("kube-system").withName("coredns").get();
    assertEquals(coredns.getData(), after.getData());
    assertEquals(coredns.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(), "never written");
    Event refusal = eventsOf("drill-dns").stream().filter(e -> RunPermissions.REASON.equals(e.getReason())).findFirst().orElseThrow();
    assertEquals("Warning", refusal.getType());
    assertEquals(dns.getStatus().message, refusal.getMessage());

    world.setConnected("go-eu-west-2", 100_000);
    world.awaitObserved("go-eu-west-2", 100_000); // the running controller plans from its cache: let it see the edit first
    FailoverRun imds =
        world.driveToEnd(world.create("drill-imds", "steal-credentials", "go-eu-west-2", Mode.Drill, canary()).getMetadata().getName(), r -> false);
    assertEquals("Refused", imds.getStatus().phase, imds.getStatus().message);
    assertTrue(imds.getStatus().message.contains("http://169.254.169.254/latest/meta-data/ is not in the webhook allow-list"), imds.getStatus().message);
    assertEquals(1, eventsOf("drill-imds").stream().filter(e -> RunPermissions.REASON.equals(e.getReason())).count());
    assertEquals(List.of(), world.provisioning.requests(), "nothing was sent anywhere");
    assertEquals(List.of(), world.routingWrites(), "nothing moved");

    FailoverRun allowed = world.driveToEnd(world.create("drill-ok", "quarterly-drill", "go-eu-west-1", Mode.Drill, canary()).getMetadata().getName(), r -> false);
    assertEquals("Succeeded", allowed.getStatus().phase, allowed.getStatus().message);
    assertEquals("home", world.routing().getOrDefault("go-eu-west-1.percent", "home"));
  }

  private io.failwise.api.FailoverApproval approval(String name, String run, String approver) {
    var a = new io.failwise.api.FailoverApproval();
    a.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(RunsFixture.NS).build());
    a.setSpec(new io.failwise.api.FailoverApprovalSpec());
    a.getSpec().run = run;
    a.getSpec().step = "approve";
    a.getSpec().approver = approver;
    return client.resource(a).create();
  }

  /** Waits for the controller to decide the approval (a positive marker), then says how. */
  private String approvalPhase(String name) {
    var approvals = client.resources(io.failwise.api.FailoverApproval.class).inNamespace(RunsFixture.NS).withName(name);
    var decided = await("approval " + name + " decided").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(approvals::get, a -> a.getStatus() != null && !"Pending".equals(a.getStatus().phase));
    return decided.getStatus().phase + ": " + decided.getStatus().message;
  }

  @Test
  void aFourEyesStepRefusesTheRequestersApprovalAndTakesSomeoneElses() throws Exception {
    world.playbook("four-eyes", "regional-failover", p -> p.getSpec().steps.get(1).approval.fourEyes = true);
    world.startController(new RunEvents(events), new ApprovalReconciler(client, events));
    world.create("drill-four-eyes", "four-eyes", "go-eu-west-1", Mode.Drill, canary(), spec -> spec.requestedBy = "alice@example.com");
    boolean[] asked = {false, false};
    String[] outcomes = new String[2];
    FailoverRun run = world.driveToEnd("drill-four-eyes", r -> {
      if (io.failwise.model.run.RunPhase.AWAITING_APPROVAL == RunStatuses.phase(r) && !asked[0]) {
        asked[0] = true;
        approval("by-requester", "drill-four-eyes", "alice@example.com");
        outcomes[0] = approvalPhase("by-requester");
        approval("by-colleague", "drill-four-eyes", "bob@example.com");
        outcomes[1] = approvalPhase("by-colleague");
        return true;
      }
      return false;
    });
    assertEquals("Rejected: Approval of step approve of run drill-four-eyes refused: alice@example.com requested this run and the step needs"
        + " four eyes: someone else must approve it.", outcomes[0]);
    assertEquals("Accepted: Step approve of run drill-four-eyes is approved by bob@example.com.", outcomes[1]);
    assertEquals("Succeeded", run.getStatus().phase, run.getStatus().message);
    assertEquals("bob@example.com", run.getStatus().approvals.get(0).by);
    assertEquals(1, eventsOf("drill-four-eyes").stream().filter(e -> "ApprovalRejected".equals(e.getReason())).count());
  }
}
