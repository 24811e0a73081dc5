package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.Fixtures;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.model.policy.PolicyTrigger;
import io.failwise.notify.Notice;
import io.failwise.notify.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The decider posts a decision to the people paged when it is news; the Event records every one. */
class PolicyNoticesTest extends PolicyDeciderFixture {
  private final List<Notice> posted = new ArrayList<>();

  PolicyNoticesTest() {
    decider.notifyWith(new Notifier(List.of(), null, null, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), m -> {}) {
      @Override
      public CompletableFuture<List<Delivery>> post(Notice notice) {
        posted.add(notice);
        return CompletableFuture.completedFuture(List.of());
      }
    });
  }

  /**
   * The 12 March cluster, 55 minutes into its outage, looked at every 15 minutes for two hours with the
   * counts unchanged: a Shadow policy holds, then, as the outage drags on, fails over (recorded). The
   * channel hears the first decision, the hold again an hour later, and the turn to FAILOVER; the
   * policy's Events say all nine. Before, it heard all nine.
   */
  @Test
  void aStandingAnswerIsPostedOnceAnHourAndATurnAtOnce() {
    var policy = policy(FailoverPolicySpec.Mode.Shadow);
    FailoverPolicyStatus status = new FailoverPolicyStatus();
    for (int look = 0; look <= 8; look++) {
      Instant now = AT.plus(Duration.ofMinutes(15L * look));
      status = decider.decide(policy, status, source(), List.of(source(), target()),
          new ClusterSituation("go-eu-west-1", true, ONSET, 50_000, true),
          look == 0 ? PolicyTrigger.Why.FIRST_DECISION : PolicyTrigger.Why.SCHEDULED, now);
    }
    assertEquals(9, events.stream().filter(e -> e.startsWith("Normal Decision: go-eu-west-1")).count(), String.join("\n", events));
    List<FailoverPolicyStatus.Decision> night = new ArrayList<>(status.decisions);
    java.util.Collections.reverse(night);
    Instant turn = night.stream().filter(d -> "FAILOVER".equals(d.recommendation)).map(d -> Instant.parse(d.time)).findFirst().orElseThrow();
    // The story this test tells: HOLD for over an hour, then FAILOVER to the end (the estimator sets when).
    assertEquals(List.of("HOLD", "FAILOVER"), night.stream().map(d -> d.recommendation).distinct().toList());
    assertEquals(true, turn.isAfter(AT.plus(Duration.ofHours(1))) && turn.isBefore(AT.plus(Duration.ofHours(2))), "turned at " + turn);
    assertEquals(List.of(AT, AT.plus(Duration.ofHours(1)), turn), posted.stream().map(Notice::at).toList());
    assertEquals("Policy fleet/eu-west decided FAILOVER for go-eu-west-1 (Recorded)", posted.get(2).title());
  }

  private static Cluster source() {
    Cluster c = withStatus(Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 130_000, "go-eu-north-1"), 180_000, 130_000);
    c.getSpec().failover.cutoverSeconds = 1200L;
    return c;
  }

  private static Cluster target() {
    Cluster c = withStatus(Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 89_700), 90_000, 89_700);
    c.getSpec().capacity.devices = 300_000L;
    return c;
  }
}
