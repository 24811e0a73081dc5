package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.Fixtures;
import io.failwise.api.PastOutage;
import io.failwise.api.validation.MaintenanceWindows;
import io.failwise.api.validation.Silences;
import io.failwise.model.HealthThresholds;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.model.detect.ObserverVerdict;
import io.failwise.model.detect.OfflineDetector;
import io.failwise.model.detect.QuorumVerdict;
import io.failwise.model.detect.Sample;
import io.failwise.operator.ClusterStatusFactory;
import io.failwise.operator.NextClusterStatus;
import io.failwise.operator.observe.Observation;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.EventRecorder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code failwise silence} during an outage, through the production pieces a 15-second step goes
 * through: the detector (maintenance flag per sample from the Cluster's windows, as PrometheusObservers
 * sets it), the quorum, the Cluster's next status (conditions, onset, pastOutages) and a Shadow policy's
 * look at it. The clock is the sample time, stepped explicitly. The exploratory tester's night:
 * go-eu-west-2 60 % offline from 15:20:45, silenced at 15:38 for 2 h ("broker upgrade CHG-1").
 */
class SilencedOutageTest {
  private static final Duration STEP = Duration.ofSeconds(15);
  private static final long EXPECTED = 120_000;
  private static final long NORMAL = 119_000;
  private static final long OFFLINE = 72_000;
  private static final Instant ONSET = Instant.parse("2026-03-14T15:20:45Z");
  /** On the 15-second grid of the samples (the tester's 15:38:01 takes effect from the 15:38:15 sample). */
  private static final Instant SILENCED_AT = Instant.parse("2026-03-14T15:38:00Z");

  private final List<String> events = new ArrayList<>();
  private final PolicyDecider decider =
      new PolicyDecider(
          io.failwise.model.estimate.FailoverEstimator.withDefaults(),
          new EventRecorder(null, Clock.systemUTC()) {
            @Override
            public void normal(HasMetadata about, String reason, String message) {
              events.add(reason);
            }

            @Override
            public void warning(HasMetadata about, String reason, String message) {
              events.add(reason);
            }
          },
          new PolicyMetrics(new SimpleMeterRegistry()),
          new FakePolicyRuns(),
          Clock.system(ZoneOffset.UTC));

  /** The cluster, its detector and a policy watching it, stepped 15 s at a time. */
  private final class World {
    final Cluster source = Fixtures.cluster("fleet", "go-eu-west-2", "eu-west", EXPECTED, NORMAL, "go-eu-north-1");
    final Cluster target = Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 89_700);
    final OfflineDetector detector = new OfflineDetector(DetectorSettings.defaults());
    final FailoverPolicy policy = new FailoverPolicy();
    FailoverPolicyStatus status = new FailoverPolicyStatus();
    Instant t = ONSET.minus(Duration.ofHours(1));
    int i;
    /** Every status the cluster showed, in order. */
    final List<ClusterStatus> shown = new ArrayList<>();

    World() {
      target.setStatus(new ClusterStatus());
      target.getStatus().devices = new DeviceCounts(90_000L, 89_700L, 300L);
      target.getSpec().capacity.devices = 300_000L;
      policy.setMetadata(new ObjectMetaBuilder().withNamespace("fleet").withName("eu-shadow").build());
      policy.setSpec(new FailoverPolicySpec());
      policy.getSpec().selector = new FailoverPolicySpec.Selector();
      policy.getSpec().selector.clusters = List.of("go-eu-west-2");
      policy.getSpec().trigger = new FailoverPolicySpec.Trigger();
      policy.getSpec().trigger.outageForSeconds = 60L;
      until(ONSET, NORMAL);
    }

    /** Steps up to (not including) {@code end} with {@code connected} devices connected (and some churn). */
    World until(Instant end, long connected) {
      while (t.isBefore(end)) {
        boolean maintenance = MaintenanceWindows.of(source.getSpec()).schedule().covers(t);
        var verdict = detector.step(Sample.of(t, connected + (i % 5) * 8, EXPECTED), maintenance);
        var quorum = QuorumVerdict.of(List.of(ObserverVerdict.known("prometheus-eu-north", verdict)), 1);
        source.setStatus(NextClusterStatus.of(source, List.of(), new Observation.Quorum(quorum), HealthThresholds.defaults(), t));
        shown.add(source.getStatus());
        status =
            PolicyReconciler.look(
                decider, policy, status, source, List.of(source, target), Situations.of(source), PolicyReconciler.triggerSettings(policy.getSpec()), t);
        t = t.plus(STEP);
        i++;
      }
      return this;
    }

    void silence(Duration length, String reason) {
      source.getSpec().maintenance = Silences.add(source.getSpec().maintenance, t, length, reason, "tester");
    }

    /** Decisions oldest first. */
    List<Decision> decisions() {
      List<Decision> out = new ArrayList<>(status.decisions);
      java.util.Collections.reverse(out);
      return out;
    }

    List<Decision> withAction(String action) {
      return decisions().stream().filter(d -> action.equals(d.action)).toList();
    }

    List<String> pastOutages() {
      List<PastOutage> p = source.getStatus().pastOutages;
      return p == null ? List.of() : p.stream().map(o -> o.start + "/" + o.end).toList();
    }

    io.fabric8.kubernetes.api.model.Condition outage() {
      return Conditions.find(source.getStatus().conditions, ClusterStatusFactory.OUTAGE).orElseThrow();
    }
  }

  @Test
  void aSilenceDuringAnOutageNeitherEndsItNorRecordsARecoveryAndTheSameOutageIsDecidedOnAfterIt() {
    World w = new World();
    w.policy.getSpec().decisionsKept = 100;
    w.until(SILENCED_AT, NORMAL - OFFLINE);
    assertEquals("True", w.outage().getStatus());
    String onset = w.source.getStatus().onsetTime;
    assertEquals(ONSET.toString(), onset);
    assertTrue(!w.withAction("Recorded").isEmpty(), "decided during the first 17 minutes");

    w.silence(Duration.ofHours(2), "broker upgrade CHG-1");
    Instant silenceEnds = SILENCED_AT.plus(Duration.ofHours(2));
    w.until(SILENCED_AT.plus(Duration.ofMinutes(5)), NORMAL - OFFLINE);
    assertEquals("False", w.outage().getStatus());
    assertEquals("Silenced", w.outage().getReason());
    assertTrue(
        w.outage().getMessage().contains("is silenced by maintenance window 'broker upgrade CHG-1' until " + silenceEnds)
            && w.outage().getMessage().contains("it has not ended"),
        w.outage().getMessage());
    assertEquals("Degraded", w.source.getStatus().health, "nobody is paged for it");
    assertEquals(onset, w.source.getStatus().onsetTime, "the onset still stands");

    w.until(silenceEnds, NORMAL - OFFLINE);
    assertEquals(List.of(), w.pastOutages(), "not over: nothing for the prior to learn from");
    assertEquals(List.of(), w.withAction("Recovered"), "some 72,000 devices offline are no recovery");
    List<Decision> silenced = w.withAction("Silenced");
    assertEquals(1, silenced.size(), "said once: " + silenced);
    Decision s = silenced.get(0);
    assertEquals(SILENCED_AT, Instant.parse(s.time), "the first look inside the window");
    assertEquals(onset, s.outageSince);
    assertEquals(silenceEnds.toString(), s.reevaluateAt);
    assertTrue(
        s.explanation.startsWith(
            "The outage of go-eu-west-2 since 15:20 UTC (" + io.failwise.model.Format.count(s.offlineDevices)
                + " devices offline) is silenced by maintenance window 'broker upgrade"
                + " CHG-1' until 17:38 UTC; it has not ended. The policy stops deciding on it while silenced and decides again on the"
                + " same outage at 17:38 UTC if it is still going"),
        s.explanation);
    assertEquals(s, w.decisions().get(w.decisions().size() - 1), "no decision while silenced");
    assertTrue(Boolean.TRUE.equals(w.status.watches.get(0).silenced), "still watched");
    assertTrue(events.contains("Silenced") && !events.contains("Recovered"), events.toString());

    // The window ends with the devices still offline: the same outage, decided on again at once.
    w.until(silenceEnds.plus(STEP), NORMAL - OFFLINE);
    assertEquals("True", w.outage().getStatus());
    assertEquals(onset, w.source.getStatus().onsetTime, "the same onset");
    Decision resumed = w.decisions().get(w.decisions().size() - 1);
    assertEquals(silenceEnds, Instant.parse(resumed.time));
    assertEquals("Recorded", resumed.action);
    assertEquals(onset, resumed.outageSince);
    assertTrue(resumed.explanation.startsWith("Decided again: the maintenance window that silenced this outage has ended"), resumed.explanation);
    assertNull(w.status.watches.get(0).silenced);

    // The devices come back: the one outage ends once, from its onset.
    Instant back = silenceEnds.plus(Duration.ofMinutes(10));
    w.until(back, NORMAL - OFFLINE).until(back.plus(Duration.ofMinutes(6)), NORMAL);
    assertEquals("False", w.outage().getStatus());
    // It ended when the devices came back, not 5 minutes later when the recovery hold confirmed it.
    assertEquals(List.of(onset + "/" + back), w.pastOutages());
    assertEquals(1, w.withAction("Recovered").size());
    assertTrue(
        w.withAction("Recovered").get(0).explanation.contains("has recovered after 2 h 27 min (its devices back at 17:48 UTC)"),
        w.withAction("Recovered").get(0).explanation);
  }

  @Test
  void devicesThatComeBackDuringTheSilenceEndTheOutageThenOnce() {
    World w = new World();
    w.until(SILENCED_AT, NORMAL - OFFLINE);
    w.silence(Duration.ofHours(2), "broker upgrade CHG-1");
    Instant back = SILENCED_AT.plus(Duration.ofMinutes(20));
    w.until(back, NORMAL - OFFLINE);
    assertEquals(List.of(), w.pastOutages());
    w.until(SILENCED_AT.plus(Duration.ofHours(3)), NORMAL);

    assertEquals(List.of(ONSET + "/" + back), w.pastOutages(), "one outage, from its onset to when its devices came back");
    List<Decision> recovered = w.withAction("Recovered");
    assertEquals(1, recovered.size());
    Instant over = back.plus(Duration.ofMinutes(5)); // the recovery hold confirms it, as without the silence
    assertEquals(over, Instant.parse(recovered.get(0).time));
    assertEquals(1, w.withAction("Silenced").size());
    assertTrue(w.status.watches.isEmpty(), "no longer watched");
    assertEquals("False", w.outage().getStatus());
    assertEquals("NormalChurn", w.outage().getReason());
    assertEquals(1, w.shown.stream().filter(ClusterStatusFactory::outageSilenced).map(x -> x.onsetTime).distinct().count());
  }

  @Test
  void aSilenceBeforeThePolicyDecidedRecordsNothingAndTheHoldOffCountsWhenTheOutageIsOneAgain() {
    World w = new World();
    w.until(ONSET.plusSeconds(45), NORMAL - OFFLINE); // an Outage since 15:21:15, not yet a minute
    assertEquals("True", w.outage().getStatus());
    w.silence(Duration.ofMinutes(30), "broker upgrade CHG-1");
    Instant ends = w.t.plus(Duration.ofMinutes(30));
    w.until(ends, NORMAL - OFFLINE);
    assertEquals(List.of(), w.decisions(), "nothing decided, nothing silenced");
    assertEquals(List.of(), w.pastOutages());
    w.until(ends.plus(Duration.ofMinutes(2)), NORMAL - OFFLINE);
    Decision first = w.decisions().get(0);
    assertEquals(ends.plusSeconds(60), Instant.parse(first.time), "a minute after the Outage condition turned true again");
    assertEquals(ONSET.toString(), first.outageSince);
    assertNotNull(first.recommendation);
  }
}
