package io.failwise.model.run;

import io.failwise.model.Format;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How many failovers and failbacks one source cluster may have in any 24 hours (Azure IoT Hub: 2 of
 * each a day per hub). The window is rolling, not a calendar day, so that two operations at 23:50
 * and two more at 00:10 count as four.
 */
public record DailyBudget(int failoversPerDay, int failbacksPerDay) {
  public static final Duration WINDOW = Duration.ofHours(24);

  /** Azure IoT Hub's limits, the default of failwise.runs.budget.*: 2 failovers and 2 failbacks a day. */
  public static final DailyBudget AZURE_IOT_HUB = new DailyBudget(2, 2);

  public DailyBudget {
    if (failoversPerDay < 0 || failbacksPerDay < 0) {
      throw new IllegalArgumentException("a daily budget cannot be negative: " + failoversPerDay + ", " + failbacksPerDay);
    }
  }

  /** Which way devices moved. */
  public enum Kind {
    FAILOVER("failover", "failovers"),
    FAILBACK("failback", "failbacks");

    private final String one;
    private final String many;

    Kind(String one, String many) {
      this.one = one;
      this.many = many;
    }

    public String word(long n) {
      return n == 1 ? one : many;
    }
  }

  /** One failover or failback a run did (or is about to do), recorded before it acts. */
  public record Operation(Kind kind, Instant at, String run) {}

  public int limit(Kind kind) {
    return kind == Kind.FAILOVER ? failoversPerDay : failbacksPerDay;
  }

  /** Operations of {@code kind} in the 24 hours before {@code now}, not counting run {@code except}. */
  public List<Operation> used(List<Operation> ledger, Kind kind, Instant now, String except) {
    Instant since = now.minus(WINDOW);
    return ledger.stream()
        .filter(o -> o.kind() == kind && o.at().isAfter(since) && !o.at().isAfter(now))
        .filter(o -> except == null || !except.equals(o.run()))
        .sorted(Comparator.comparing(Operation::at))
        .toList();
  }

  public long left(List<Operation> ledger, Kind kind, Instant now) {
    return Math.max(0, limit(kind) - used(ledger, kind, now, null).size());
  }

  /**
   * Why a run that needs the given operations may not start now, or empty when the budget allows it.
   * Operations already recorded for the same run do not count against it (a restarted controller
   * must not refuse a run because of its own reservation).
   */
  public Optional<String> refusal(String source, List<Operation> ledger, List<Kind> needs, Instant now, String run) {
    List<String> spent = new ArrayList<>();
    List<Kind> kinds = new ArrayList<>();
    for (Kind kind : needs) {
      List<Operation> used = used(ledger, kind, now, run);
      if (limit(kind) == 0) {
        return Optional.of("the daily budget allows no " + kind.word(2) + " (limit 0)");
      }
      if (used.size() >= limit(kind)) {
        spent.add(used.size() + " " + kind.word(used.size()) + " in the last 24 h (limit " + limit(kind) + ")");
        kinds.add(kind);
      }
    }
    if (spent.isEmpty()) {
      return Optional.empty();
    }
    // The run needs every kind it names: it may start when the last of them frees, not the first (a
    // refusal once named the failovers' time while the failbacks stayed spent 12 minutes longer). To the
    // second, rounded up: a time cut to the minute was earlier than the budget allows.
    Instant frees = freesAt(ledger, needs, now, run).orElseThrow();
    Instant shown = frees.truncatedTo(ChronoUnit.SECONDS);
    if (shown.isBefore(frees)) {
      shown = shown.plusSeconds(1);
    }
    String next = kinds.size() == 1 ? "the next " + kinds.get(0).word(1) + " is" : "the next failover and failback are";
    return Optional.of(
        "the daily budget of " + source + " is used up: " + String.join(" and ", spent) + "; " + next + " allowed from "
            + shown + " (in " + Format.duration(Duration.between(now, shown)) + ")");
  }

  /**
   * When every kind in {@code needs} has an operation left again, if one is used up now; empty when
   * the budget allows them now or a limit of 0 never will.
   */
  public Optional<Instant> freesAt(List<Operation> ledger, List<Kind> needs, Instant now, String run) {
    Optional<Instant> latest = Optional.empty();
    for (Kind kind : needs) {
      List<Operation> used = used(ledger, kind, now, run);
      if (limit(kind) == 0) {
        return Optional.empty();
      }
      if (used.size() >= limit(kind)) {
        Instant frees = used.get(used.size() - limit(kind)).at().plus(WINDOW);
        latest = latest.filter(l -> l.isAfter(frees)).or(() -> Optional.of(frees));
      }
    }
    return latest;
  }

  /** The ledger without what can no longer count, so that it does not grow for ever. */
  public static List<Operation> prune(List<Operation> ledger, Instant now) {
    Instant keepFrom = now.minus(WINDOW.multipliedBy(2));
    List<Operation> kept = new ArrayList<>();
    for (Operation o : ledger) {
      if (o.at().isAfter(keepFrom)) {
        kept.add(o);
      }
    }
    return kept;
  }
}
