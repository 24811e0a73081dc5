package io.failwise.cli.world;

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
public final class Timeline {
  private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private volatile PrintWriter out;
  private final ZoneId zone;
  private final Deque<Scenario.SeedEvent> seed;

  public Timeline(PrintWriter out, ZoneId zone, List<Scenario.SeedEvent> seedEvents) {
    this.out = out;
    this.zone = zone;
    this.seed = new ArrayDeque<>(seedEvents.stream().sorted(java.util.Comparator.comparing(Scenario.SeedEvent::at)).toList());
  }

  /** Sends the lines from now on to {@code out} instead. */
  public void printTo(PrintWriter out) {
    this.out = out;
  }

  /** Prints the report's lines that are due by {@code now}. */
  public void seedUpTo(Instant now) {
    while (!seed.isEmpty() && !seed.peekFirst().at().isAfter(now)) {
      Scenario.SeedEvent e = seed.pollFirst();
      line(e.at(), "report  ", e.event());
    }
  }

  public void failwise(Instant at, String text) {
    line(at, "FAILWISE", text);
  }

  public void fleet(Instant at, String text) {
    line(at, "fleet   ", text);
  }

  /** A line on what a person did to the simulated world (an injected outage, a recovery). */
  public void sim(Instant at, String text) {
    line(at, "sim     ", text);
  }

  public void plain(String text) {
    out.println(text);
    out.flush();
  }

  public String time(Instant at) {
    return HH_MM_SS.format(at.atZone(zone));
  }

  /** As {@link #time(Instant)} on the day of {@code reference} in the timeline's zone, with the date on another day. */
  public String time(Instant at, Instant reference) {
    boolean sameDay = at.atZone(zone).toLocalDate().equals(reference.atZone(zone).toLocalDate());
    return sameDay ? time(at) : DAY_AND_TIME.format(at.atZone(zone));
  }

  private synchronized void line(Instant at, String who, String text) {
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
