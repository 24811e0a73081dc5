package io.failwise.cli.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.embedded.EmbeddedApiServer;
import io.failwise.operator.run.HaltSwitch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The living world's feed tells of the halt: `failwise halt` mid-wave, as the README suggests trying
 * at --speed 10, said nothing in the feed unless a run was there to pause. A halt already in force
 * when the feed starts is the summary's, not news.
 */
class FleetObserverHaltIT {
  private static final Instant T = Instant.parse("2026-03-12T20:40:00Z");

  @Test
  void aHaltAndItsResumeAreLinesOfTheFeed() {
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      var client = server.client();
      var halts = client.configMaps().inNamespace("failwise-system");
      StringWriter text = new StringWriter();
      Timeline feed = new Timeline(new PrintWriter(text), ZoneOffset.UTC, List.of());
      FleetObserver observer = new FleetObserver(client, "failwise", feed).withHalt("failwise-system");
      observer.look(T);
      // What `failwise halt --as alice --reason "game day"` writes.
      halts.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName(HaltSwitch.NAME).endMetadata()
          .addToData("by", "alice").addToData("at", "2026-03-12T20:40:20Z").addToData("reason", "game day").build()).create();
      observer.look(T.plusSeconds(30));
      observer.look(T.plusSeconds(60));
      halts.withName(HaltSwitch.NAME).delete(); // what `failwise resume` does
      observer.look(T.plusSeconds(90));
      feed.flush();
      assertEquals(List.of(
          "20:40:30  FAILWISE  Halted by alice (game day): no run moves until `failwise resume`.",
          "20:41:30  FAILWISE  Resumed: the halt by alice (game day) is lifted; runs go on."), text.toString().lines().toList());
    }
  }
}
