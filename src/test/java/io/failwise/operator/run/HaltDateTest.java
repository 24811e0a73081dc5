package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * When a halt was set, as decisions and runs say it ("the global halt is set by alice since ..."). One
 * made with kubectl has no {@code at}: its creationTimestamp is the API server's wall clock, which a
 * world at 60x runs hours behind the controller's, and a decision at 17:07 simulated read "since 11:11:51".
 */
class HaltDateTest {
  private static final Clock WALL = Clock.fixed(Instant.parse("2026-12-06T11:11:52Z"), ZoneOffset.UTC);

  private static ConfigMap byKubectl(String uid, String created) {
    return new ConfigMapBuilder().withNewMetadata().withName(HaltSwitch.NAME).withUid(uid).withCreationTimestamp(created).endMetadata()
        .addToData("by", "alice").addToData("reason", "database migration").build();
  }

  @Test
  void aHaltWithoutAtIsDatedOnTheControllersClockAndKeepsThatDate() {
    ConfigMap halt = byKubectl("uid-sped-up", "2026-12-06T11:11:51Z");
    Clock controller = Clock.fixed(Instant.parse("2026-12-06T17:07:30Z"), ZoneOffset.UTC); // 5 h 55 min 38 s ahead of the wall
    RunWorld.Halt h = HaltSwitch.halt(halt, controller, WALL);
    assertEquals("2026-12-06T17:07:29Z", h.at(), "a second before the controller first read it, as on the wall clock");
    assertEquals("by alice since 17:07:29 UTC (database migration)", h.described(controller.instant(), ZoneOffset.UTC));
    assertEquals("by alice since 2026-12-06 18:07:29 +01:00 (database migration)", h.described(Instant.parse("2026-12-07T09:00:00Z"),
        ZoneOffset.ofHours(1)), "in the controller's zone, with its date on another day");
    Clock later = Clock.fixed(Instant.parse("2026-12-06T17:37:30Z"), ZoneOffset.UTC);
    assertEquals("2026-12-06T17:07:29Z", HaltSwitch.halt(halt, later, WALL).at(), "read again, it was still set then: its date does not move");
  }

  @Test
  void onARealClusterItIsTheCreationTimestamp() {
    RunWorld.Halt h = HaltSwitch.halt(byKubectl("uid-real", "2026-12-06T11:11:51Z"), WALL, WALL);
    assertEquals("2026-12-06T11:11:51Z", h.at());
  }

  @Test
  void theDateTheCliWroteIsKept() {
    ConfigMap halt = new ConfigMapBuilder(byKubectl("uid-cli", "2026-12-06T11:11:51Z")).addToData("at", "2026-12-06T17:00:00Z").build();
    Clock controller = Clock.fixed(Instant.parse("2026-12-06T17:07:30Z"), ZoneOffset.UTC);
    assertEquals("2026-12-06T17:00:00Z", HaltSwitch.halt(halt, controller, WALL).at());
    RunWorld.Halt noReason = HaltSwitch.halt(new ConfigMapBuilder().withNewMetadata().withName(HaltSwitch.NAME).endMetadata().build(), WALL, WALL);
    assertEquals("by someone (no 'by' in the ConfigMap) since 11:11:52 UTC", noReason.described(WALL.instant(), ZoneOffset.UTC));
  }
}
