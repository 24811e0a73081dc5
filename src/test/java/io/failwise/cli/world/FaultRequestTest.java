package io.failwise.cli.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `failwise sim outage` asks, as a person types it and as the world reads it back. */
class FaultRequestTest {
  @Test
  void aShareAndACountBecomeTheFractionOfTheClusterOffline() {
    assertEquals(0.4, FaultRequest.outage("a", "40%", true, null).offlineFraction(180_000), 1e-9);
    assertEquals(0.25, FaultRequest.outage("b", "45,000", false, null).offlineFraction(180_000), 1e-9);
    assertEquals(1.0, FaultRequest.outage("c", "500000", false, null).offlineFraction(180_000), 1e-9);
    assertEquals(1.0, FaultRequest.outage("d", null, false, null).offlineFraction(180_000), 1e-9);
  }

  @Test
  void theWorldReadsBackWhatTheCommandWrote() {
    FaultRequest r = FaultRequest.outage("id-1", "30%", true, Duration.ofHours(2));
    FaultRequest back = FaultRequest.fromJson(r.toJson());
    assertEquals(r, back);
    assertEquals("30% offline, intermittently, for 2 h", back.describe());
    assertTrue(FaultRequest.fromJson(FaultRequest.recovery("id-2").toJson()).recover());
  }

  @Test
  void badInputNamesTheFieldAndWhatIsValid() {
    var e = assertThrows(IllegalArgumentException.class, () -> FaultRequest.outage("a", "lots", false, null));
    assertTrue(e.getMessage().startsWith("offline: 'lots' is neither a share (like 30%) nor a number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FaultRequest.outage("a", "140%", false, null));
    assertTrue(e.getMessage().contains("at most 100%"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FaultRequest.outage("a", "0", false, null));
    assertTrue(e.getMessage().contains("above 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FaultRequest.fromJson("{\"recover\": true}"));
    assertTrue(e.getMessage().contains("id"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FaultRequest.fromJson("not json"));
  }

  @Test
  void routesReadTheTableAsTheGatewayDoes() {
    var data = java.util.Map.of("go-eu-west-1.target", "go-eu-north-1", "go-eu-west-1.percent", "5", "go-eu-west-2.percent", "bad");
    assertEquals(new RoutingGateway.Route("go-eu-north-1", 5.0, null), RoutingGateway.route("go-eu-west-1", data));
    assertEquals(new RoutingGateway.Route("go-eu-west-2", 100.0, null), RoutingGateway.route("go-eu-west-2", Map.of()));
    // A percent it cannot read moves nothing, and says so: "5%" once moved every device of a 5% drill.
    var garbled = RoutingGateway.route("go-eu-west-2", Map.of("go-eu-west-2.target", "go-eu-north-1", "go-eu-west-2.percent", "5%"));
    assertEquals(0.0, garbled.percent());
    assertEquals("go-eu-west-2", garbled.target());
    assertEquals(
        "ConfigMap device-routing, key go-eu-west-2.percent: '5%' is not a number from 0 to 100; go-eu-west-2's devices stay home until it is.",
        garbled.problem());
    assertEquals(0.0, RoutingGateway.route("go-eu-west-2", data).percent(), "bad");
  }

  @Test
  void anOutageLongerThanTheWorldsClockCanHoldIsRefusedWhenAsked() {
    var e = assertThrows(IllegalArgumentException.class, () -> FaultRequest.outage("a", "5%", false, java.time.Duration.ofDays(100_000)));
    assertTrue(e.getMessage().startsWith("for: at most 365 days"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FaultRequest.fromJson("{\"id\":\"y1\",\"offlinePercent\":10,\"forSeconds\":9223372036854775807}"));
    assertTrue(e.getMessage().contains("for: at most 365 days"), e.getMessage());
  }

  @Test
  void speedScalesTheControllersPacingWithAFloor() {
    assertEquals(java.util.Map.of("failwise.poll-interval", "250ms", "failwise.runs.tick-interval", "100ms"),
        WorldSettings.beforeQuarkus(java.util.List.of("run", "--embedded", "--speed", "60")));
    assertTrue(WorldSettings.beforeQuarkus(java.util.List.of("run", "--embedded")).isEmpty());
  }
}
