package io.failwise.cli;

import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicyStatus.Decision;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** The decisions of FailoverPolicies as {@code failwise decisions} prints them, newest first. */
public final class DecisionTable {
  private DecisionTable() {}

  /** One decision and the policy that recorded it. */
  public record Entry(String namespace, String policy, Decision decision) {}

  /** Every decision on record in the policies' status, newest first. */
  public static List<Entry> entries(List<FailoverPolicy> policies) {
    return policies.stream()
        .filter(p -> p.getStatus() != null)
        .flatMap(p -> p.getStatus().decisions.stream().map(d -> new Entry(p.getMetadata().getNamespace(), p.getMetadata().getName(), d)))
        .sorted(Comparator.comparing((Entry e) -> e.decision().time == null ? "" : e.decision().time).reversed()
            .thenComparing(Entry::policy))
        .toList();
  }

  /**
   * The table; the explanation, which is what a person reads the list for, goes indented on the line
   * under its decision (and where it would turn on the next), or into a last column when {@code wide}. Each
   * decision's time is said in {@code zone} (failwise.time-zone), as its explanation says its own ("2026-03-12
   * 21:53:00 +01:00" above "deciding again at 22:08 +01:00"); {@code -o json} keeps the status's RFC 3339.
   */
  public static void print(PrintWriter out, List<Entry> entries, boolean wide, java.time.ZoneId zone) {
    Table t =
        wide
            ? new Table("TIME", "NAMESPACE", "POLICY", "CLUSTER", "RECOMMENDATION", "ACTION", "BLOCKED-BY", "RUN", "EXPLANATION")
            : new Table("TIME", "NAMESPACE", "POLICY", "CLUSTER", "RECOMMENDATION", "ACTION", "BLOCKED-BY", "RUN");
    for (Entry e : entries) {
      Decision d = e.decision();
      Object[] cells = {when(d.time, zone), e.namespace(), e.policy(), d.cluster, d.recommendation, d.action, or(d.blockedBy), or(d.run), d.explanation};
      t.row(wide ? cells : java.util.Arrays.copyOf(cells, cells.length - 1));
    }
    List<String> lines = t.lines();
    out.println(lines.get(0));
    for (int i = 0; i < entries.size(); i++) {
      out.println(lines.get(i + 1));
      Decision d = entries.get(i).decision();
      if (!wide && d.explanation != null && !d.explanation.isBlank()) {
        out.println("    " + d.explanation);
      }
      if (!wide && d.turnsWith != null) {
        out.println("    Turns with: " + d.turnsWith + ".");
      }
    }
    out.flush();
  }

  /** A decision's time in {@code zone}; as recorded when it is not RFC 3339 (nothing is lost from the table). */
  private static String when(String time, java.time.ZoneId zone) {
    try {
      return time == null ? "-" : io.failwise.model.Format.dateTime(java.time.Instant.parse(time), zone);
    } catch (java.time.format.DateTimeParseException e) {
      return time;
    }
  }

  private static String or(String s) {
    return s == null ? "-" : s;
  }
}
