package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.DailyBudget;
import io.failwise.operator.run.ConfigMapSourceLedger;
import io.failwise.operator.run.SourceLedger.Holder;
import io.failwise.operator.run.SourceLedger.Role;
import io.failwise.testing.ApiServerPerTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `failwise get clusters` names the run that holds each cluster, or whose moves its counts settle from,
 * as the controller's admission would find it: from the ledger on an API server and the runs there.
 */
class ClusterOccupancyIT {
  private static final String CONTROL = "failwise-system";
  private static final Instant NOW = Instant.parse("2026-03-12T20:40:00Z");
  private static final Duration SETTLE = Duration.ofMinutes(6);

  @RegisterExtension final ApiServerPerTest api = ApiServerPerTest.withNamespaces("fleet", "other", CONTROL);

  @Test
  void eachClusterShowsTheRunThatHoldsItOrWhoseMovesItsCountsSettleFrom() {
    ConfigMapSourceLedger ledger = new ConfigMapSourceLedger(api.client(), new DailyBudget(2, 2), CONTROL, SETTLE);
    // A drill running from go-west to go-north: it holds both, one as its source, one as its target.
    Holder drill = holder(run("fleet", "quarterly-drill", "Running", null));
    ledger.acquire("fleet", "go-west", drill, Role.SOURCE, List.of(DailyBudget.Kind.FAILOVER), NOW);
    ledger.acquire("fleet", "go-north", drill, Role.TARGET, List.of(), NOW);
    // A failover that moved devices into go-south and released it at its end: it settles until 20:44.
    Holder failover = holder(run("fleet", "failover-south", "Succeeded", NOW.minusSeconds(120)));
    ledger.acquire("fleet", "go-south", failover, Role.TARGET, List.of(), NOW.minusSeconds(600));
    ledger.release("fleet", "go-south", failover, NOW.plusSeconds(240));
    // A failover whose failback was stopped ended Failed: it holds its source until a person resolves it.
    Holder stopped = holder(run("fleet", "incident", "Failed", NOW.minusSeconds(900)));
    ledger.acquire("fleet", "go-far", stopped, Role.SOURCE, List.of(), NOW.minusSeconds(3600));
    // A holder whose run was deleted holds nothing; neither does a cluster of the same name elsewhere.
    ledger.acquire("fleet", "go-east", new Holder("deleted", "uid-gone"), Role.SOURCE, List.of(), NOW);
    ledger.acquire("other", "go-west", holder(run("other", "elsewhere", "Running", null)), Role.SOURCE, List.of(), NOW);

    // A ledger written before its namespace label existed (only managed-by): still read.
    api.client().configMaps().inNamespace(CONTROL).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName(ConfigMapSourceLedger.name("fleet", "go-old")).withNamespace(CONTROL)
        .addToLabels("app.kubernetes.io/managed-by", "failwise").endMetadata()
        .withData(java.util.Map.of("holder", "quarterly-drill", "holderUid", drill.uid())).build()).create();

    StringWriter err = new StringWriter();
    ClusterOccupancy fleet = ClusterOccupancy.read(api.client(), CONTROL, "fleet", SETTLE, NOW, new PrintWriter(err));
    assertEquals("quarterly-drill (source)", fleet.of(cluster("fleet", "go-west")));
    assertEquals("quarterly-drill (target)", fleet.of(cluster("fleet", "go-north")));
    assertEquals("settles 4 min (after failover-south)", fleet.of(cluster("fleet", "go-south")));
    assertEquals("incident (source, Failed: awaits resolve)", fleet.of(cluster("fleet", "go-far")));
    assertEquals("", fleet.of(cluster("fleet", "go-east")), "its run is gone: admission would take it");
    assertEquals("", fleet.of(cluster("fleet", "go-idle")), "never held");
    assertEquals("quarterly-drill (source)", fleet.of(cluster("fleet", "go-old")), "a ledger older than its namespace label");
    assertEquals("", err.toString());
    // After the settle, go-south is free; every namespace at once sees the other namespace's hold too.
    ClusterOccupancy later = ClusterOccupancy.read(api.client(), CONTROL, null, SETTLE, NOW.plusSeconds(240), new PrintWriter(err));
    assertEquals("", later.of(cluster("fleet", "go-south")));
    assertEquals("elsewhere (source)", later.of(cluster("other", "go-west")));
    assertEquals("quarterly-drill (source)", later.of(cluster("fleet", "go-west")));

    // The table: the RUN column before AGE.
    Table t = ResourceTables.clusters(List.of(cluster("fleet", "go-north"), cluster("fleet", "go-idle")), NOW, fleet::of);
    StringWriter printed = new StringWriter();
    t.print(new PrintWriter(printed));
    List<String> lines = printed.toString().lines().toList();
    assertTrue(lines.get(0).matches("NAMESPACE +NAME +REGION .* MESSAGE +RUN +AGE"), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.contains("go-north") && l.contains("quarterly-drill (target)")), printed.toString());
  }

  @Test
  void aUserWhoMayNotReadTheLedgerSeesAQuestionMarkAndWhyNotAnError() {
    // An API server with RBAC: listing ConfigMaps in the controller's namespace is forbidden.
    KubernetesMockServer rbac = new KubernetesMockServer(false);
    rbac.init();
    // No retries of the 500 below (the client's default backs off for seconds).
    Config noRetry;
    try (KubernetesClient plain = rbac.createClient()) {
      noRetry = new ConfigBuilder(plain.getConfiguration()).withRequestRetryBackoffLimit(0).build();
    }
    try (KubernetesClient denied = new KubernetesClientBuilder().withConfig(noRetry).build()) {
      rbac.expect().get().withPath("/api/v1/namespaces/" + CONTROL + "/configmaps?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dfailwise")
          .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
              .withMessage("configmaps is forbidden: User \"alice\" cannot list resource \"configmaps\" in the namespace \"" + CONTROL + "\"")
              .build())
          .always();
      StringWriter err = new StringWriter();
      ClusterOccupancy unknown = ClusterOccupancy.read(denied, CONTROL, "fleet", SETTLE, NOW, new PrintWriter(err));
      assertEquals("?", unknown.of(cluster("fleet", "go-west")), "not known, which is not the same as free");
      assertEquals(
          "failwise get: cannot list the run ledger's ConfigMaps in namespace failwise-system (HTTP 403): the RUN column shows ?"
              + " (needs list on configmaps there, as the controller has)",
          err.toString().strip());
      // Any other failure is not a matter of rights: it is reported, not shown as "?".
      rbac.expect().get().withPath("/api/v1/namespaces/broken/configmaps?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dfailwise")
          .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcdserver: request timed out").build())
          .always();
      KubernetesClientException e =
          assertThrows(KubernetesClientException.class, () -> ClusterOccupancy.read(denied, "broken", "fleet", SETTLE, NOW, new PrintWriter(err)));
      assertEquals(500, e.getCode());
    } finally {
      rbac.destroy();
    }
  }

  private FailoverRun run(String ns, String name, String phase, Instant finishedAt) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    run.setSpec(new FailoverRunSpec());
    run.getSpec().mode = FailoverRunSpec.Mode.Drill;
    run.getSpec().playbook = "quarterly-drill";
    run.getSpec().source = "go-west";
    run.getSpec().reason = "test";
    run.getSpec().requestedBy = "test";
    run = api.client().resource(run).create();
    FailoverRunStatus status = new FailoverRunStatus();
    status.phase = phase;
    if (finishedAt != null) {
      status.finishedAt = finishedAt.toString();
      FailoverRunStatus.StepStatus shift = new FailoverRunStatus.StepStatus();
      shift.name = "shift";
      shift.wavesAppliedAt = List.of(finishedAt.minusSeconds(300).toString());
      status.steps = List.of(shift);
    }
    run.setStatus(status);
    return api.client().resource(run).updateStatus();
  }

  private static Holder holder(FailoverRun run) {
    return new Holder(run.getMetadata().getName(), run.getMetadata().getUid());
  }

  private static Cluster cluster(String ns, String name) {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).withCreationTimestamp(NOW.minusSeconds(3600).toString()).build());
    return c;
  }
}
