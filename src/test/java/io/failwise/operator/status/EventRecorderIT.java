package io.failwise.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.embedded.EmbeddedApiServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas recording the same Event: a write from a read that another writer made stale is
 * refused by the API server (409) and made again on a fresh read, so no repeat is lost.
 */
class EventRecorderIT {
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-12T21:40:00Z"), ZoneOffset.UTC);

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start(0);
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ConfigMap about(String name) {
    return client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().build()).create();
  }

  private static List<Event> events(String about) {
    return client.v1().events().inNamespace("default").list().getItems().stream().filter(e -> e.getInvolvedObject().getName().equals(about)).toList();
  }

  /** Waits for the recorder's writer: Events are written on a thread of their own. */
  private static void written(EventRecorder recorder) {
    assertTrue(recorder.flush(java.time.Duration.ofSeconds(30)), "the events were written");
  }

  @Test
  void eventsAreStampedWithTheWallClockForKubectlToAgeThem() {
    // The controller's clock may be the simulator's (a night in March, or time at 60x); kubectl ages an
    // Event against the wall clock of the person looking, so the stamp is the wall clock's.
    ConfigMap cm = about("stamped");
    java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    EventRecorder recorder = new EventRecorder(client, java.time.Clock.systemUTC());
    recorder.normal(cm, "Stamped", "now");
    written(recorder);
    java.time.Instant after = java.time.Instant.now();
    java.time.Instant stamped = java.time.Instant.parse(events("stamped").get(0).getLastTimestamp());
    assertTrue(!stamped.isBefore(before) && !stamped.isAfter(after), before + " <= " + stamped + " <= " + after);
  }

  @Test
  void aRepeatCountsOnOneEvent() {
    ConfigMap cm = about("repeated");
    EventRecorder recorder = new EventRecorder(client, CLOCK);
    for (int i = 0; i < 3; i++) {
      recorder.warning(cm, "Unreadable", "spec.x: bad");
    }
    recorder.normal(cm, "Other", "something else");
    written(recorder);
    List<Event> events = events("repeated");
    assertEquals(2, events.size(), "one Event per reason and message");
    Event repeated = events.stream().filter(e -> e.getReason().equals("Unreadable")).findFirst().orElseThrow();
    assertEquals(3, repeated.getCount());
    assertEquals("Warning", repeated.getType());
  }

  /**
   * An object deleted and made again under its name is another object: its Events are its own. Before,
   * a new run of an old run's name bumped the count on the old run's Event, whose uid kubectl describe
   * of the new run does not match: the new run showed none of its own.
   */
  @Test
  void anObjectMadeAgainUnderItsNameHasEventsOfItsOwn() {
    ConfigMap first = about("remade");
    EventRecorder recorder = new EventRecorder(client, CLOCK);
    recorder.warning(first, "Halted", "halted by the team");
    written(recorder);
    client.configMaps().inNamespace("default").withName("remade").delete();
    client.configMaps().inNamespace("default").withName("remade").waitUntilCondition(java.util.Objects::isNull, 10, java.util.concurrent.TimeUnit.SECONDS);
    ConfigMap second = about("remade");
    recorder.warning(second, "Halted", "halted by the team");
    written(recorder);
    List<Event> events = events("remade");
    assertEquals(2, events.size(), "one Event for each object");
    for (ConfigMap cm : List.of(first, second)) {
      Event e = events.stream().filter(x -> cm.getMetadata().getUid().equals(x.getInvolvedObject().getUid())).findFirst().orElseThrow();
      assertEquals(1, e.getCount(), "the repeat is not counted on the old object's Event");
    }
  }

  /** This replica reads the Event, the other bumps it, then this one writes: refused, read again, counted. */
  @Test
  void aWriteFromAStaleReadIsMadeAgainOnAFreshOne() {
    ConfigMap cm = about("contended");
    EventRecorder other = new EventRecorder(client, CLOCK);
    other.warning(cm, "Unreadable", "spec.x: bad");
    written(other);
    int[] reads = {0};
    EventRecorder mine =
        new EventRecorder(client, CLOCK) {
          @Override
          Event read(String namespace, String name) {
            Event e = super.read(namespace, name);
            if (reads[0]++ == 0) {
              other.warning(cm, "Unreadable", "spec.x: bad"); // lands between this read and the write
              written(other);
            }
            return e;
          }
        };
    mine.warning(cm, "Unreadable", "spec.x: bad");
    written(mine);
    assertEquals(2, reads[0], "the refused write read the Event again");
    assertEquals(3, events("contended").get(0).getCount(), "both replicas' repeats counted: 1 + 1 (other) + 1 (mine)");
  }

  /** Both replicas create the Event at once: the second create is refused (409) and becomes a count. */
  @Test
  void aCreateThatLosesTheRaceBecomesARepeat() {
    ConfigMap cm = about("raced");
    EventRecorder other = new EventRecorder(client, CLOCK);
    boolean[] raced = {false};
    EventRecorder mine =
        new EventRecorder(client, CLOCK) {
          @Override
          Event read(String namespace, String name) {
            Event e = super.read(namespace, name);
            if (!raced[0]) {
              raced[0] = true;
              other.warning(cm, "Unreadable", "spec.x: bad"); // created after this read found nothing
              written(other);
            }
            return e;
          }
        };
    mine.warning(cm, "Unreadable", "spec.x: bad");
    written(mine);
    List<Event> events = events("raced");
    assertEquals(1, events.size());
    assertEquals(2, events.get(0).getCount());
  }

  /**
   * A reconcile never waits on the API server for an Event: while the writer is stuck on a slow
   * server, recording returns; beyond {@link EventRecorder#CAPACITY} waiting Events the rest are
   * dropped and counted; once the server answers, the waiting ones are written in order.
   */
  @Test
  void recordingNeverWaitsOnTheApiServerAndDropsWhatDoesNotFit() throws Exception {
    ConfigMap cm = about("slow");
    java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
    EventRecorder recorder =
        new EventRecorder(client, CLOCK) {
          @Override
          Event read(String namespace, String name) {
            stuck.countDown();
            try {
              answer.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.read(namespace, name);
          }
        };
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
      recorder.warning(cm, "First", "the writer takes this one and is stuck on it");
      assertTrue(stuck.await(30, java.util.concurrent.TimeUnit.SECONDS), "the writer took the first event");
      for (int i = 0; i < EventRecorder.CAPACITY + 5; i++) {
        recorder.normal(cm, "Step" + i, "event " + i);
      }
    }, "recording waited on the stuck API server");
    assertEquals(5, recorder.dropped(), "the queue holds " + EventRecorder.CAPACITY + " events");
    answer.countDown();
    written(recorder);
    List<Event> events = events("slow");
    assertEquals(1 + EventRecorder.CAPACITY, events.size());
    assertTrue(events.stream().anyMatch(e -> e.getReason().equals("Step" + (EventRecorder.CAPACITY - 1))), "the last one that fit");
    assertTrue(events.stream().noneMatch(e -> e.getReason().equals("Step" + EventRecorder.CAPACITY)), "the first one that did not");
    recorder.close();
  }

  @Test
  void eventsRecordedAfterCloseAreDroppedNotWritten() {
    ConfigMap cm = about("closed");
    EventRecorder recorder = new EventRecorder(client, CLOCK);
    recorder.normal(cm, "Before", "written at shutdown");
    recorder.close();
    recorder.normal(cm, "After", "the controller is stopping");
    assertEquals(List.of("Before"), events("closed").stream().map(Event::getReason).toList(), "close waits for the waiting events");
    assertEquals(1, recorder.dropped());
  }
}
