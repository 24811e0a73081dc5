package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.Fixtures;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.operator.ClusterStatusFactory;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a policy reads from a Cluster's status: the outage's onset, and when its condition turned true. */
class PolicySituationsTest {
  private static final Instant ONSET = Instant.parse("2026-03-14T15:10:00Z");
  private static final Instant TRUE_AT = Instant.parse("2026-03-14T15:20:00Z");

  private static Cluster cluster(String status, String reason, String onset) {
    Cluster c = Fixtures.cluster("fleet", "go-eu-west-2", "eu-west", 120_000, 48_000);
    c.setStatus(new ClusterStatus());
    c.getStatus().devices = new DeviceCounts(120_000L, 48_000L, 72_000L);
    c.getStatus().onsetTime = onset;
    c.getStatus().conditions = Conditions.set(null, ClusterStatusFactory.READY, Conditions.TRUE, "SignalRead", "read", 1L, TRUE_AT);
    c.getStatus().conditions = Conditions.set(c.getStatus().conditions, ClusterStatusFactory.OUTAGE, status, reason, "m", 1L, TRUE_AT);
    return c;
  }

  @Test
  void theOnsetIsTheOutagesStartAndTheConditionsTransitionIsWhenTheHoldOffCountsFrom() {
    ClusterSituation s = Situations.of(cluster("True", "DevicesDropping", ONSET.toString()));
    assertTrue(s.outage());
    assertEquals(ONSET, s.outageSince(), "the estimate's elapsed time counts from the onset");
    assertEquals(TRUE_AT, s.outageTrueSince());
    assertEquals(TRUE_AT, s.holdOffFrom());

    ClusterSituation noOnset = Situations.of(cluster("True", "OfflineRatio", null));
    assertEquals(TRUE_AT, noOnset.outageSince());
    assertEquals(TRUE_AT, noOnset.holdOffFrom());
  }

  @Test
  void aSilencedOutageIsNoOutageAndNoRecoveryAndKeepsItsOnset() {
    ClusterSituation s = Situations.of(cluster("False", ClusterStatusFactory.SILENCED, ONSET.toString()));
    assertFalse(s.outage());
    assertTrue(s.silenced());
    assertEquals(ONSET, s.outageSince());
    assertNull(s.outageTrueSince());
    assertEquals(72_000, s.offlineDevices());

    ClusterSituation over = Situations.of(cluster("False", "NormalChurn", null));
    assertFalse(over.silenced());
    assertNull(over.outageSince());
  }
}
