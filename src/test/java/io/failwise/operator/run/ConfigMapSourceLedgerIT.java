package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.failwise.model.run.DailyBudget;
import io.failwise.operator.run.SourceLedger.Claim;
import io.failwise.operator.run.SourceLedger.Holder;
import io.failwise.operator.run.SourceLedger.Role;
import io.failwise.testing.ApiServerPerTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger on an API server holds a cluster for one run in either role, says which role to the run
 * that finds it held, and reads a ConfigMap written before roles existed as a source hold.
 */
class ConfigMapSourceLedgerIT {
  private static final String CONTROL = "failwise";
  private static final Instant NOW = Instant.parse("2026-03-12T20:40:00Z");
  private static final Holder DRILL = new Holder("drill", "uid-drill");
  private static final Holder FAILOVER = new Holder("failover", "uid-failover");

  @RegisterExtension final ApiServerPerTest api = ApiServerPerTest.withNamespaces("fleet", CONTROL);
  private ConfigMapSourceLedger ledger;

  @BeforeEach
  void start() {
    ledger = new ConfigMapSourceLedger(api.client(), new DailyBudget(2, 2), h -> true, CONTROL);
  }

  @Test
  void aClusterHeldAsATargetIsHeldForEveryOtherRunAndSaysSo() {
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", "go-north", DRILL, Role.TARGET, List.of(), NOW));
    assertEquals("Target", data("go-north").get("holderRole"));
    assertEquals(new Claim.HeldBy("drill", Role.TARGET),
        ledger.acquire("fleet", "go-north", FAILOVER, Role.TARGET, List.of(), NOW));
    assertEquals(new Claim.HeldBy("drill", Role.TARGET),
        ledger.acquire("fleet", "go-north", FAILOVER, Role.SOURCE, List.of(DailyBudget.Kind.FAILOVER), NOW));
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", "go-north", DRILL, Role.TARGET, List.of(), NOW), "again: a no-op");
    ledger.release("fleet", "go-north", DRILL);
    assertEquals(Optional.empty(), ledger.holder("fleet", "go-north"));
    assertEquals(null, data("go-north").get("holderRole"));
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", "go-north", FAILOVER, Role.SOURCE, List.of(DailyBudget.Kind.FAILOVER), NOW));
    assertEquals("Source", data("go-north").get("holderRole"));
  }

  @Test
  void aClusterWithTheLongestNameAKubernetesObjectMayHaveIsHeldAndReleased() {
    // A Cluster's name may be 253 characters: the ledger's ConfigMap name (prefix, namespace, name) and its
    // source label (at most 63) must still be ones an API server accepts, or no run on that cluster could
    // ever start. Two such names that differ only at the end stay two ledgers.
    String longName = "go-" + "eu-west-1-".repeat(24) + "abcdefghij";
    String other = longName.substring(0, longName.length() - 1) + "b";
    assertEquals(253, longName.length());
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", longName, DRILL, Role.SOURCE, List.of(DailyBudget.Kind.FAILOVER), NOW));
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", other, FAILOVER, Role.SOURCE, List.of(DailyBudget.Kind.FAILOVER), NOW));
    assertEquals(Optional.of(DRILL), ledger.holder("fleet", longName));
    assertEquals(Optional.of(FAILOVER), ledger.holder("fleet", other));
    ledger.release("fleet", longName, DRILL);
    assertEquals(Optional.empty(), ledger.holder("fleet", longName));
    assertEquals(Optional.of(FAILOVER), ledger.holder("fleet", other));
  }

  @Test
  void aClusterARunMovedDevicesIntoSettlesForEveryOtherRunUntilTheTimeItsReleaseNamed() {
    Instant until = NOW.plus(java.time.Duration.ofMinutes(6));
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", "go-north", DRILL, Role.TARGET, List.of(), NOW));
    ledger.release("fleet", "go-north", DRILL, until);
    assertEquals(Optional.empty(), ledger.holder("fleet", "go-north"), "released: nobody holds it");
    assertEquals(until.toString(), data("go-north").get("settlesUntil"));
    assertEquals(new Claim.Settling("drill", until), ledger.acquire("fleet", "go-north", FAILOVER, Role.TARGET, List.of(), NOW));
    assertEquals(
        new Claim.Settling("drill", until),
        ledger.acquire("fleet", "go-north", FAILOVER, Role.SOURCE, List.of(DailyBudget.Kind.FAILOVER), until.minusMillis(1)));
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", "go-north", DRILL, Role.TARGET, List.of(), NOW), "its own moves do not hold it");
    ledger.release("fleet", "go-north", DRILL, until);
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", "go-north", FAILOVER, Role.TARGET, List.of(), until));
    assertEquals(null, data("go-north").get("settlesUntil"), "taken: the settle is over");
    // A release with nothing moved frees it at once.
    ledger.release("fleet", "go-north", FAILOVER);
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", "go-north", DRILL, Role.TARGET, List.of(), until));
  }

  @Test
  void aRunThatEndedBeforeReleasingItsClusterHoldsItUntilItsCountsSettle() {
    // The drill ended (Succeeded, having applied a wave) at 20:40; a run that looks before the drill's own
    // release finds it still named in the ledger: it waits until 20:46, not at once and not for ever.
    ConfigMapSourceLedger reading = new ConfigMapSourceLedger(api.client(), new DailyBudget(2, 2), null, CONTROL, java.time.Duration.ofMinutes(6));
    io.failwise.api.FailoverRun drill = new io.failwise.api.FailoverRun();
    drill.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("drill").withNamespace("fleet").build());
    drill.setSpec(new io.failwise.api.FailoverRunSpec());
    drill.getSpec().mode = io.failwise.api.FailoverRunSpec.Mode.Drill;
    drill.getSpec().playbook = "quarterly-drill";
    drill.getSpec().source = "go-west";
    drill.getSpec().reason = "test";
    drill.getSpec().requestedBy = "test";
    drill = api.client().resource(drill).create();
    io.failwise.api.FailoverRunStatus ended = new io.failwise.api.FailoverRunStatus();
    ended.phase = "Succeeded";
    ended.finishedAt = NOW.toString();
    io.failwise.api.FailoverRunStatus.StepStatus shift = new io.failwise.api.FailoverRunStatus.StepStatus();
    shift.name = "shift";
    shift.kind = "Shift";
    // Its last move 30 s before it ended: its counts settle failwise.runs.settle from that move, not from its end.
    shift.wavesAppliedAt = List.of(NOW.minusSeconds(30).toString());
    ended.steps = List.of(shift);
    drill.setStatus(ended);
    api.client().resource(drill).updateStatus();
    Holder holder = new Holder("drill", drill.getMetadata().getUid());
    assertEquals(new Claim.Acquired(), ledger.acquire("fleet", "go-north", holder, Role.TARGET, List.of(), NOW));
    Instant settled = NOW.minusSeconds(30).plus(java.time.Duration.ofMinutes(6));
    assertEquals(new Claim.Settling("drill", settled), reading.acquire("fleet", "go-north", FAILOVER, Role.TARGET, List.of(), NOW.plusSeconds(1)));
    assertEquals(new Claim.Acquired(), reading.acquire("fleet", "go-north", FAILOVER, Role.TARGET, List.of(), settled));
  }

  @Test
  void aHoldWrittenBeforeRolesIsASourceHold() {
    api.client().configMaps().inNamespace(CONTROL).resource(new ConfigMapBuilder()
        .withNewMetadata().withName(ConfigMapSourceLedger.name("fleet", "go-west")).withNamespace(CONTROL).endMetadata()
        .withData(Map.of("holder", "drill", "holderUid", "uid-drill")).build()).create();
    assertEquals(new Claim.HeldBy("drill", Role.SOURCE), ledger.acquire("fleet", "go-west", FAILOVER, Role.TARGET, List.of(), NOW));
  }

  private Map<String, String> data(String cluster) {
    return api.client().configMaps().inNamespace(CONTROL).withName(ConfigMapSourceLedger.name("fleet", cluster)).get().getData();
  }
}
