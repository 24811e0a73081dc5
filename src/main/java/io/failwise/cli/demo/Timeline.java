package io.failwise.cli.demo;

import io.failwise.sim.Scenario;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Prints the demo's story in simulated time, with the incident report's own timeline interleaved at
 * the times it gives, so a reader sees what Failwise saw beside what the team saw.
 */
final class Timeline {
  private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintWriter out;
  private final ZoneId zone;
  private final Deque<Scenario.SeedEvent> seed;

  Timeline(PrintWriter out, ZoneId zone, List<Scenario.SeedEvent> seedEvents) {
    this.out = out;
    this.zone = zone;
    this.seed = new ArrayDeque<>(seedEvents.stream().sorted(java.util.Comparator.comparing(Scenario.SeedEvent::at)).toList());
  }

  /** Prints the report's lines that are due by {@code now}. */
  void seedUpTo(Instant now) {
    while (!seed.isEmpty() && !seed.peekFirst().at().isAfter(now)) {
      Scenario.SeedEvent e = seed.pollFirst();
      line(e.at(), "report  ", e.event());
    }
  }

  void failwise(Instant at, String text) {
    line(at, "FAILWISE", text);
  }

  void fleet(Instant at, String text) {
    line(at, "fleet   ", text);
  }

  void plain(String text) {
    out.println(text);
    out.flush();
  }

  String time(Instant at) {
    return HH_MM_SS.format(at.atZone(zone));
  }

  private void line(Instant at, String who, String text) {
    String prefix = time(at) + "  " + who + "  ";
    String indent = " ".repeat(prefix.length());
    out.println(prefix + wrap(text, 100 - prefix.length()).replace("\n", "\n" + indent));
    out.flush();
  }

  static String wrap(String text, int width) {
    StringBuilder sb = new StringBuilder();
    int col = 0;
    for (String word : text.split(" ")) {
      if (col > 0 && col + 1 + word.length() > width) {
        sb.append('\n');
        col = 0;
      } else if (col > 0) {
        sb.append(' ');
        col++;
      }
      sb.append(word);
      col += word.length();
    }
    return sb.toString();
  }
}
