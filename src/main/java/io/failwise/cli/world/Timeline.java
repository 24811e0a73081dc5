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
  /** Lines held to be printed in time order ({@link #inTimeOrder}); null: each line is printed at once. */
  private List<Held> held;
  private long round;
  /** With {@link #inTimeOrder(java.time.Duration)}: how far the simulated clock must be past a line to print it. */
  private java.time.Duration lag;
  private long sequence;

  private record Held(Instant at, long sequence, long round, String line) {}

  public Timeline(PrintWriter out, ZoneId zone, List<Scenario.SeedEvent> seedEvents) {
    this.out = out;
    this.zone = zone;
    this.seed = new ArrayDeque<>(seedEvents.stream().sorted(java.util.Comparator.comparing(Scenario.SeedEvent::at)).toList());
  }

  /**
   * From now on a line is held until the round after the one it came in ({@link #endOfRound}), and
   * printed in time order with every line held that is no later. The embedded world's looks each print
   * what they see: a Plan the decision created was seen Planned (12:16:53) a look before the decision
   * that created it (12:16:41), and the terminal told them in that order.
   */
  public synchronized Timeline inTimeOrder() {
    if (held == null) {
      held = new java.util.ArrayList<>();
    }
    return this;
  }

  /**
   * A round of looks is over: the lines that came before the last round are printed, with the later
   * ones that belong before them in time.
   */
  public synchronized void endOfRound() {
    round++;
    if (held == null || held.isEmpty()) {
      return;
    }
    Instant upTo = held.stream().filter(h -> h.round() < round - 1).map(Held::at).max(Instant::compareTo).orElse(null);
    if (upTo != null) {
      print(h -> !h.at().isAfter(upTo));
    }
  }

  /**
   * From now on a line is held until the simulated clock ({@link #advancedTo}) is {@code lag} past it, and
   * printed in time order with the others due. The demo's report lines are stamped with the moment the
   * world reaches, the controller's with when it decided, seen by a later look: "20:58:00 report" was
   * printed before "20:57:30 FAILWISE". The lag is a margin of simulated time wider than the controller's
   * delay (seconds of wall time at the demo's speed); what is still held when the night ends is flushed.
   */
  public synchronized Timeline inTimeOrder(java.time.Duration lag) {
    inTimeOrder();
    this.lag = lag;
    return this;
  }

  /** The simulated clock reached {@code now}: the lines held that are {@link #inTimeOrder(java.time.Duration) lag} old are printed. */
  public synchronized void advancedTo(Instant now) {
    if (held != null && lag != null) {
      Instant upTo = now.minus(lag);
      print(h -> !h.at().isAfter(upTo));
    }
  }

  /** Prints what is held, and each line from now on at once. */
  public synchronized void atOnce() {
    flush();
    held = null;
    lag = null;
  }

  /** Prints every line held, in time order (the world stops). */
  public synchronized void flush() {
    if (held != null) {
      print(h -> true);
    }
  }

  private void print(java.util.function.Predicate<Held> which) {
    List<Held> due = held.stream().filter(which).sorted(java.util.Comparator.comparing(Held::at).thenComparingLong(Held::sequence)).toList();
    held.removeAll(due);
    due.forEach(h -> out.println(h.line()));
    out.flush();
  }

  /** Sends the lines from now on to {@code out} instead (the lines held so far go where they came for). */
  public synchronized void printTo(PrintWriter out) {
    flush();
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
    String line = prefix + wrap(text, 100 - prefix.length()).replace("\n", "\n" + indent);
    if (held != null) {
      held.add(new Held(at, sequence++, round, line));
      return;
    }
    out.println(line);
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
