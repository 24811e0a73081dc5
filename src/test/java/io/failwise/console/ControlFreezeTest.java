package io.failwise.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.failwise.model.run.FreezeWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The freeze window open now, for the banner every console page shows beside the halt. An outside pass
 * found a freeze in force that only a refused run said: the console's control answer had the halt alone.
 */
class ControlFreezeTest {
  private static final List<FreezeWindow> WINDOWS =
      List.of(FreezeWindow.parse("change-freeze=2026-12-07T00:00:00Z/2026-12-10T00:00:00Z"), FreezeWindow.parse("fri-sat=Fri 18:00/Sat 06:00"));

  @Test
  void theWindowOpenNowIsSaidWithItsEndAndTheModesItHolds() {
    Map<String, Object> open = ConsoleRoutes.freeze(WINDOWS, List.of("Drill", "Failover"), Instant.parse("2026-12-08T01:00:00Z"));
    assertEquals("change-freeze", open.get("name"));
    assertEquals("2026-12-10T00:00:00Z", open.get("until"));
    assertEquals(List.of("Drill", "Failover"), open.get("modes"));
    assertEquals("change-freeze=2026-12-07T00:00:00Z/2026-12-10T00:00:00Z", open.get("window"));
  }

  @Test
  void noneOpenOrNoModeHeldIsNoBanner() {
    assertNull(ConsoleRoutes.freeze(WINDOWS.subList(0, 1), List.of("Drill", "Failover"), Instant.parse("2026-12-11T01:00:00Z")));
    assertNull(ConsoleRoutes.freeze(WINDOWS, List.of(), Instant.parse("2026-12-08T01:00:00Z")), "failwise.runs.freeze.modes empty: it holds nothing");
  }
}
