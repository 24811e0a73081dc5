package io.failwise.operator.run;

import static io.failwise.operator.run.RunHarness.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.Fixtures;
import io.failwise.operator.DevicesAway;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * `failwise abort` during a Failover's shift, its source in an outage: the rollback puts the routing back
 * in one write, so every device moved goes home at once, into the outage. An outside pass aborted so, its
 * source in a total outage, and every device moved went back offline with no word of it. The check says
 * it before the abort is recorded; a failback under way keeps its shift anyway, and a healthy source
 * takes its devices back.
 */
class AbortCheckTest {
  private static final Instant ONSET = Instant.parse("2026-03-12T20:04:00Z");
  /** The controller's zone (failwise.time-zone): the warning says the onset as the decisions beside it do. */
  private static final java.time.ZoneId CET = java.time.ZoneOffset.ofHours(1);
  @AutoClose
  private final RunHarness h = new RunHarness();

  /** What the check says of the run at each moment the person looks, for a source shown as {@code source}. */
  private List<Moment> failover(Cluster source) {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    List<Moment> seen = new ArrayList<>();
    h.drive("incident", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s != null && s.steps != null) {
        seen.add(new Moment(step(s, "shift").wavesAppliedAt == null ? 0 : step(s, "shift").wavesAppliedAt.size(),
            !RunStatuses.PENDING.equals(step(s, "failback").state), RunStatuses.devicesAtTarget(s), AbortCheck.intoOutage(run, source, h.clock.instant(), CET)));
        if ("WaitingForSource".equals(s.reason)) {
          h.setConnected("go-eu-west-1", 179_420);
        }
      }
    });
    return seen;
  }

  private record Moment(int shiftWaves, boolean failbackBegun, long atTarget, Optional<String> check) {}

  @Test
  void anAbortDuringTheShiftIntoASourceInOutageIsNamedWithTheDevicesItSendsBack() {
    List<Moment> seen = failover(source("Outage", true));
    Moment mid = seen.stream().filter(m -> m.shiftWaves() == 2 && !m.failbackBegun()).findFirst().orElseThrow();
    assertEquals(
        Optional.of("its rollback undoes the shift at once, sending the " + io.failwise.model.Format.plural(mid.atTarget(), "device")
            + " now on go-eu-north-1 back to go-eu-west-1, which shows an Outage since 21:04:00 +01:00, taken as going on while"
            + " its devices are away: nothing shows it over"),
        mid.check());
    assertTrue(mid.atTarget() > 0 && mid.atTarget() < 180_000, "the devices of the waves applied so far: " + mid.atTarget());
    // Before the first wave nothing is on the target: the rollback sends nobody anywhere.
    assertTrue(seen.stream().filter(m -> m.shiftWaves() == 0).allMatch(m -> m.check().isEmpty()));
    // Once the failback has begun, an abort keeps the shift (RunRollback.keptThrough): nobody goes home at once.
    assertTrue(seen.stream().filter(Moment::failbackBegun).allMatch(m -> m.check().isEmpty()));
  }

  @Test
  void aSourceThatShowsNoOutageTakesItsDevicesBack() {
    assertTrue(failover(source("Healthy", false)).stream().allMatch(m -> m.check().isEmpty()));
    assertTrue(failover(null).stream().allMatch(m -> m.check().isEmpty()), "a source not found: nothing to say of it");
  }

  @Test
  void aSourceWhoseSignalWasLostInTheOutageIsNotShownOver() {
    Moment mid = failover(source("Unknown", false)).stream().filter(m -> m.atTarget() > 0 && !m.failbackBegun()).findFirst().orElseThrow();
    assertTrue(mid.check().orElseThrow().endsWith("back to go-eu-west-1, which was in an Outage since 21:04:00 +01:00 when its signal"
        + " was lost: nothing shows it over"), mid.check().orElseThrow());
  }

  @Test
  void aSourceInOutageByItsCountsSaysThem() {
    Moment mid = failover(source("Outage", false)).stream().filter(m -> m.atTarget() > 0 && !m.failbackBegun()).findFirst().orElseThrow();
    assertTrue(mid.check().orElseThrow().endsWith("which shows an Outage since 21:04:00 +01:00 (80,000 of 180,000 devices offline)"),
        mid.check().orElseThrow());
  }

  /** go-eu-west-1 as the controller shows it: {@code health}, onset 20:04, held by a run ({@code away}) or by its counts. */
  private static Cluster source(String health, boolean away) {
    Cluster c = Fixtures.cluster("failwise", "go-eu-west-1", "eu-west", 180_000, 100_000);
    ClusterStatus s = new ClusterStatus();
    s.health = health;
    s.onsetTime = "Healthy".equals(health) ? null : ONSET.toString();
    s.devices = new DeviceCounts(180_000L, 100_000L, 80_000L);
    String status = "Outage".equals(health) ? Conditions.TRUE : "Unknown".equals(health) ? Conditions.UNKNOWN : Conditions.FALSE;
    s.conditions = Conditions.set(new ArrayList<>(), "Outage", status, away ? DevicesAway.REASON : "DevicesDropping", "...", 1L, ONSET);
    c.setStatus(s);
    return c;
  }

}
