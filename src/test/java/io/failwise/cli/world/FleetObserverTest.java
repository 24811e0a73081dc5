package io.failwise.cli.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A feed line gives every time in the configured zone, though status messages carry UTC for programs. */
class FleetObserverTest {
  @Test
  void aConditionMessageInUtcIsReadInTheTimelinesZoneWithNoTwoZonesInOneSentence() {
    Timeline cet = new Timeline(new PrintWriter(OutputStream.nullOutputStream()), ZoneId.of("Europe/Oslo"), List.of());
    FleetObserver observer = new FleetObserver(null, "failwise", cet);
    assertEquals(
        "3,864 devices went offline above normal churn since about 20:49:15 (estimated onset); re-read at 20:52:45.",
        observer.inZone("3,864 devices went offline above normal churn since about 2026-03-12T19:49:15Z (estimated onset); re-read at 2026-03-12T19:52:45.250Z.",
            Instant.parse("2026-03-12T19:53:30Z")));
  }

  @Test
  void anOutageASilenceBeganDuringIsSilencedNotDegradedInTheTimeline() {
    var outage = new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("Outage");
    var degraded = java.util.Optional.of(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("Degraded").withStatus("True").withReason("Maintenance").build());
    assertEquals("Silenced", FleetObserver.state(java.util.Optional.of(outage.withStatus("False").withReason("Silenced").build()), degraded));
    assertEquals("Degraded", FleetObserver.state(java.util.Optional.of(outage.withStatus("False").withReason("Maintenance").build()), degraded));
    assertEquals("Outage", FleetObserver.state(java.util.Optional.of(outage.withStatus("True").withReason("DevicesDropping").build()), degraded));
  }

  /**
   * A Degraded that turned Outage between two looks of the feed (at 60x a look is some simulated minutes):
   * the feed printed "is Outage" alone; it now says when the cluster turned Degraded too.
   */
  @Test
  void aDegradedTheFeedDidNotSeeIsDatedByItsCondition() {
    var degraded = java.util.Optional.of(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("Degraded").withStatus("True")
        .withLastTransitionTime("2026-03-12T19:46:04Z").build());
    var outage = java.util.Optional.of(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("Outage").withStatus("True")
        .withLastTransitionTime("2026-03-12T19:46:22Z").build());
    assertEquals(java.util.Optional.of(Instant.parse("2026-03-12T19:46:04Z")), FleetObserver.degradedUnseen("Healthy", "Outage", outage, degraded));
    assertEquals(java.util.Optional.empty(), FleetObserver.degradedUnseen("Degraded", "Outage", outage, degraded), "seen: said already");
    var together = java.util.Optional.of(new io.fabric8.kubernetes.api.model.ConditionBuilder(degraded.get())
        .withLastTransitionTime("2026-03-12T19:46:22Z").build());
    assertEquals(java.util.Optional.empty(), FleetObserver.degradedUnseen("Healthy", "Outage", outage, together),
        "Degraded and Outage in one status: one transition, one line");
  }

  @Test
  void inUtcTheTimesAreThoseOfTheMessage() {
    Timeline utc = new Timeline(new PrintWriter(OutputStream.nullOutputStream()), ZoneId.of("UTC"), List.of());
    assertEquals("since about 19:49:15 (estimated onset)", new FleetObserver(null, "failwise", utc).inZone("since about 2026-03-12T19:49:15Z (estimated onset)", Instant.parse("2026-03-12T19:53:30Z")));
  }

  @Test
  void aTimeOnAnotherDayThanTheLineKeepsItsDate() {
    // A decision at 03:52 CET on 13 March (02:52 UTC) whose budget refusal names 01:42 CET on the 14th:
    // a bare 01:42:00 would read as a time already past today.
    Timeline cet = new Timeline(new PrintWriter(OutputStream.nullOutputStream()), ZoneId.of("Europe/Oslo"), List.of());
    FleetObserver observer = new FleetObserver(null, "failwise", cet);
    assertEquals(
        "the daily budget of go-eu-west-1 is used up: 2 failovers in the last 24 h (limit 2); the next failover is allowed from"
            + " 2026-03-14 01:42:00 (in 21 h 50 min)",
        observer.inZone(
            "the daily budget of go-eu-west-1 is used up: 2 failovers in the last 24 h (limit 2); the next failover is allowed from"
                + " 2026-03-14T00:42:00Z (in 21 h 50 min)",
            Instant.parse("2026-03-13T02:52:00Z")));
    assertEquals("open until 23:30:00", observer.inZone("open until 2026-03-13T22:30:00Z", Instant.parse("2026-03-13T02:52:00Z")),
        "the same day in the timeline's zone: the time alone");
  }
}
