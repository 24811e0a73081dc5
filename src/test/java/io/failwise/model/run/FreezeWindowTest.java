package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreezeWindowTest {
  @Test
  void aOneOffWindowContainsItsStartButNotItsEnd() {
    FreezeWindow w = FreezeWindow.parse("christmas=2026-12-24T00:00:00Z/2026-12-27T00:00:00Z");
    assertEquals("christmas", w.name());
    assertTrue(w.contains(Instant.parse("2026-12-24T00:00:00Z")));
    assertTrue(w.contains(Instant.parse("2026-12-26T23:59:59Z")));
    assertFalse(w.contains(Instant.parse("2026-12-27T00:00:00Z")));
    assertEquals(Instant.parse("2026-12-27T00:00:00Z"), w.endAfter(Instant.parse("2026-12-25T10:00:00Z")));
  }

  @Test
  void aWeeklyWindowWrapsAroundTheWeekend() {
    FreezeWindow w = FreezeWindow.parse("FRI 16:00/MON 08:00");
    assertTrue(w.contains(Instant.parse("2026-03-13T16:00:00Z")), "Friday 16:00");
    assertTrue(w.contains(Instant.parse("2026-03-15T12:00:00Z")), "Sunday");
    assertTrue(w.contains(Instant.parse("2026-03-16T07:59:00Z")), "Monday 07:59");
    assertFalse(w.contains(Instant.parse("2026-03-16T08:00:00Z")), "Monday 08:00");
    assertFalse(w.contains(Instant.parse("2026-03-12T21:40:00Z")), "Thursday evening");
    assertEquals(Instant.parse("2026-03-16T08:00:00Z"), w.endAfter(Instant.parse("2026-03-14T10:30:00Z")));
  }

  @Test
  void aWeeklyWindowWithinOneDay() {
    FreezeWindow w = FreezeWindow.parse("tuesday=tue 09:00/tue 11:30");
    assertTrue(w.contains(Instant.parse("2026-03-10T10:00:00Z")));
    assertFalse(w.contains(Instant.parse("2026-03-10T11:30:00Z")));
    assertFalse(w.contains(Instant.parse("2026-03-11T10:00:00Z")));
    assertEquals(
        "tuesday",
        FreezeWindow.containing(List.of(FreezeWindow.parse("MON 00:00/MON 01:00"), w), Instant.parse("2026-03-10T10:00:00Z"))
            .orElseThrow()
            .name());
  }

  @Test
  void badWindowsSayWhatIsValid() {
    var e = assertThrows(IllegalArgumentException.class, () -> FreezeWindow.parse("friday afternoon"));
    assertTrue(e.getMessage().contains("FRI 16:00/MON 08:00"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FreezeWindow.parse("2026-12-27T00:00:00Z/2026-12-24T00:00:00Z"));
    assertThrows(IllegalArgumentException.class, () -> FreezeWindow.parse("XYZ 10:00/MON 08:00"));
    assertThrows(IllegalArgumentException.class, () -> FreezeWindow.parse("FRI 25:00/MON 08:00"));
  }
}
