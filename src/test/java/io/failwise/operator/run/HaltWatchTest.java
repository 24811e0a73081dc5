package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.failwise.monitoring.LeaderMetric;
import io.failwise.notify.Notice;
import io.failwise.notify.Notifier;
import io.failwise.operator.status.EventRecorder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The halt is said when it is pulled and when it is lifted, by the leading replica only: an Event on its
 * ConfigMap and a notice to the people paged. One already in force when the controller starts is an Event,
 * not another page.
 */
class HaltWatchTest {
  private static final Instant NOW = Instant.parse("2026-03-12T20:40:00Z");
  private final List<String> events = new ArrayList<>();
  private final List<Notice> posted = new ArrayList<>();
  private final LeaderMetric leader = new LeaderMetric(new SimpleMeterRegistry());
  private final HaltWatch watch = new HaltWatch(null,
      new EventRecorder(null, Clock.systemUTC()) {
        @Override
        public void normal(HasMetadata about, String reason, String message) {
          events.add("Normal " + reason + " " + about.getKind() + " " + about.getMetadata().getName() + ": " + message);
        }

        @Override
        public void warning(HasMetadata about, String reason, String message) {
          events.add("Warning " + reason + " " + about.getKind() + " " + about.getMetadata().getName() + ": " + message);
        }
      },
      new Notifier(List.of(), null, null, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), m -> {}) {
        @Override
        public CompletableFuture<List<Delivery>> post(Notice notice) {
          posted.add(notice);
          return CompletableFuture.completedFuture(List.of());
        }
      },
      leader, Clock.fixed(NOW, ZoneOffset.ofHours(1))); // failwise.time-zone +01:00: the times said so

  private static ConfigMap halt(String created) {
    return new ConfigMapBuilder().withNewMetadata().withName(HaltSwitch.NAME).withNamespace("failwise-system").withCreationTimestamp(created)
        .endMetadata().addToData("by", "alice").addToData("at", "2026-03-12T20:40:00Z").addToData("reason", "game day").build();
  }

  @Test
  void theLeaderSaysWhoHaltedAndWhyAndWhenItIsLifted() {
    leader.leading(true);
    watch.set(halt("2026-03-12T20:40:00Z"), false);
    watch.lifted(halt("2026-03-12T20:40:00Z"));
    assertEquals(List.of(
        "Warning Halted ConfigMap failwise-halt: Failwise is halted by alice since 21:40:00 +01:00 (game day): no run moves until"
            + " `failwise resume`.",
        "Normal Resumed ConfigMap failwise-halt: Failwise is resumed: the halt by alice since 21:40:00 +01:00 (game day) is lifted."),
        events);
    assertEquals(List.of("Failwise is halted by alice since 21:40:00 +01:00 (game day)",
        "Failwise is resumed: the halt by alice since 21:40:00 +01:00 (game day) is lifted"), posted.stream().map(Notice::title).toList());
    assertEquals(List.of(Notice.Kind.HALT, Notice.Kind.HALT), posted.stream().map(Notice::kind).toList());
    assertEquals("failwise resume", posted.get(0).command());
    assertTrue(posted.get(0).text().startsWith("No run moves until the halt is lifted"), posted.get(0).text());
  }

  @Test
  void aHaltInForceAtStartIsAnEventNotAnotherPage() {
    leader.leading(true);
    watch.set(halt("2026-03-12T18:00:00Z"), true);
    assertEquals(1, events.size());
    assertTrue(events.get(0).startsWith("Warning HaltInForce ConfigMap failwise-halt: Failwise is halted by alice"), events.get(0));
    assertEquals(List.of(), posted);
  }

  @Test
  void aStandbyReplicaSaysNothing() {
    leader.leading(false);
    watch.set(halt("2026-03-12T20:40:00Z"), false);
    watch.lifted(halt("2026-03-12T20:40:00Z"));
    assertEquals(List.of(), events);
    assertEquals(List.of(), posted);
  }

  @Test
  void aHaltIsInForceWhenTheApiServerCreatedItBeforeTheControllerStarted() {
    Instant start = Instant.parse("2026-03-12T20:40:00Z");
    assertTrue(HaltWatch.setBefore(halt("2026-03-12T20:30:00Z"), start));
    assertFalse(HaltWatch.setBefore(halt("2026-03-12T20:40:30Z"), start), "set after the start: news");
    assertFalse(HaltWatch.setBefore(halt("2026-03-12T20:39:59.5Z"), start), "within a second of the start: news, not a guess on clock skew");
    assertFalse(HaltWatch.setBefore(halt(null), start), "no creation time: news");
  }
}
