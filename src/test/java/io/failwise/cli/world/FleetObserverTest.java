package io.failwise.cli.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintWriter;
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
        observer.inZone("3,864 devices went offline above normal churn since about 2026-03-12T19:49:15Z (estimated onset); re-read at 2026-03-12T19:52:45.250Z."));
  }

  @Test
  void inUtcTheTimesAreThoseOfTheMessage() {
    Timeline utc = new Timeline(new PrintWriter(OutputStream.nullOutputStream()), ZoneId.of("UTC"), List.of());
    assertEquals("since about 19:49:15 (estimated onset)", new FleetObserver(null, "failwise", utc).inZone("since about 2026-03-12T19:49:15Z (estimated onset)"));
  }
}
