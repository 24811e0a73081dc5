package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Region;
import io.failwise.api.RegionSpec;
import io.failwise.model.DeviceObservation;
import io.failwise.model.Health;
import io.failwise.model.RegionSummary;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Region's conditions say what is known of it, as a Cluster's do of itself: with no cluster, or no
 * cluster whose counts are current, Healthy, Degraded and Outage are Unknown (they said Degraded False
 * and Outage False of a region nobody measured).
 */
class RegionConditionsTest {
  private static final Instant NOW = Instant.parse("2026-03-12T21:40:00Z");

  private static Map<String, String> conditions(List<RegionSummary.Member> members) {
    Region region = new Region();
    region.setMetadata(new ObjectMetaBuilder().withName("eu-west").withGeneration(1L).build());
    region.setSpec(new RegionSpec());
    var status = RegionReconciler.status(region, RegionSummary.of(members), NOW);
    return Map.of(
        "Healthy", Conditions.find(status.conditions, "Healthy").orElseThrow().getStatus(),
        "Degraded", Conditions.find(status.conditions, "Degraded").orElseThrow().getStatus(),
        "Outage", Conditions.find(status.conditions, "Outage").orElseThrow().getStatus());
  }

  private static RegionSummary.Member member(String name, Health health) {
    return new RegionSummary.Member(name, health, new DeviceObservation(1_000, health == Health.OUTAGE ? 0 : 1_000, NOW));
  }

  @Test
  void anEmptyRegionOrOneWithoutSignalsIsUnknownThroughout() {
    Map<String, String> unknown = Map.of("Healthy", "Unknown", "Degraded", "Unknown", "Outage", "Unknown");
    assertEquals(unknown, conditions(List.of()));
    assertEquals(unknown, conditions(List.of(member("a", Health.UNKNOWN))));
  }

  @Test
  void aMeasuredRegionSaysTrueOrFalse() {
    assertEquals(Map.of("Healthy", "True", "Degraded", "False", "Outage", "False"), conditions(List.of(member("a", Health.HEALTHY))));
    assertEquals(Map.of("Healthy", "False", "Degraded", "True", "Outage", "True"),
        conditions(List.of(member("a", Health.HEALTHY), member("b", Health.OUTAGE))));
  }
}
