package io.failwise.cli.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded world's feed in time order: each of its looks prints what it sees, and a Plan the policy's
 * decision created was seen Planned (12:16:53) a look before the decision itself (12:16:41), which the
 * terminal then told second.
 */
class TimelineTest {
  private static final Instant T = Instant.parse("2026-12-06T12:16:41Z");

  private final StringWriter text = new StringWriter();
  private final Timeline feed = new Timeline(new PrintWriter(text), ZoneOffset.UTC, List.of()).inTimeOrder();

  private List<String> times() {
    return text.toString().lines().map(l -> l.substring(0, 8)).toList();
  }

  @Test
  void aLineSeenALookLateIsPrintedBeforeTheLaterOnesSeenFirst() {
    feed.failwise(T.plusSeconds(12), "Plan p: Planned.");
    feed.endOfRound();
    assertEquals(List.of(), times(), "held for a round: the next look may still see something earlier");
    feed.failwise(T, "Policy decided FAILOVER (Staged).");
    feed.endOfRound();
    assertEquals(List.of("12:16:41", "12:16:53"), times(), "the decision seen a look late is told first");
    feed.failwise(T.plusSeconds(30), "Drill d: Pending.");
    feed.endOfRound();
    assertEquals(List.of("12:16:41", "12:16:53"), times(), "a line of the last round is still held");
    feed.endOfRound();
    assertEquals(List.of("12:16:41", "12:16:53", "12:17:11"), times());
  }

  @Test
  void whatIsHeldIsPrintedWhenTheWorldStopsAndLinesOfOneTimeKeepTheirOrder() {
    feed.sim(T, "first");
    feed.failwise(T, "second");
    feed.flush();
    assertEquals(List.of("12:16:41  sim       first", "12:16:41  FAILWISE  second"), text.toString().lines().toList());
  }

  /**
   * The demo: the report's critical alert (20:58:00, stamped as the world reaches it) came before the
   * controller's decision of 20:57:30 (seen a look later); held until the simulated clock is a lag past
   * them, both are told in time order.
   */
  @Test
  void theDemosReportLinesWaitForTheControllersLinesStampedEarlier() {
    StringWriter demo = new StringWriter();
    Timeline night = new Timeline(new PrintWriter(demo), ZoneOffset.UTC, List.of()).inTimeOrder(java.time.Duration.ofMinutes(2));
    Instant alert = Instant.parse("2026-03-12T20:58:00Z");
    night.sim(alert, "critical alert");
    night.advancedTo(alert);
    night.failwise(alert.minusSeconds(30), "decided HOLD");
    night.advancedTo(alert.plusSeconds(60));
    assertEquals("", demo.toString(), "nothing is two minutes old yet");
    night.advancedTo(alert.plusSeconds(120));
    assertEquals(List.of("20:57:30  FAILWISE  decided HOLD", "20:58:00  sim       critical alert"), demo.toString().lines().toList());
    night.failwise(alert.plusSeconds(300), "late");
    night.atOnce();
    night.failwise(alert.plusSeconds(600), "at once");
    assertEquals(List.of("21:03:00  FAILWISE  late", "21:08:00  FAILWISE  at once"), demo.toString().lines().skip(2).toList());
  }

  @Test
  void withoutTimeOrderALineIsPrintedAtOnce() {
    StringWriter demo = new StringWriter();
    new Timeline(new PrintWriter(demo), ZoneOffset.UTC, List.of()).failwise(T, "now");
    assertEquals("12:16:41  FAILWISE  now", demo.toString().strip());
  }
}
