package io.failwise.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A region's health, aggregated from the clusters in it: the worst cluster decides. The device totals
 * are those of the clusters whose counts are current: a cluster whose health is Unknown shows the last
 * counts read, which are left out and named in the message.
 */
public record RegionSummary(
    int clusters, long expected, long connected, long offline, Health health, List<String> affected, String message) {

  /** One cluster's contribution. */
  public record Member(String name, Health health, DeviceObservation devices) {}

  public static RegionSummary of(List<Member> members) {
    if (members.isEmpty()) {
      return new RegionSummary(0, 0, 0, 0, Health.UNKNOWN, List.of(), "No clusters name this region.");
    }
    long expected = 0;
    long connected = 0;
    long offline = 0;
    Health worst = Health.HEALTHY;
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(Member::name));
    List<String> affected = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Member m : sorted) {
      worst = worst.worst(m.health());
      // An Unknown cluster's counts are the last ones read, not current: they are left out of the totals.
      if (m.devices() != null && m.health() != Health.UNKNOWN) {
        // Saturating: counts are bounded where they are read, and a sum must never wrap into a negative total.
        expected = saturated(expected, m.devices().expected());
        connected = saturated(connected, m.devices().connected());
        offline = saturated(offline, m.devices().offline());
      }
      if (m.health() == Health.DEGRADED || m.health() == Health.OUTAGE) {
        affected.add(m.name());
      } else if (m.health() == Health.UNKNOWN) {
        unknown.add(m.name());
      }
    }
    String message;
    String leftOut = unknown.isEmpty() ? "" : " No signal from " + String.join(", ", unknown) + " (left out of the counts).";
    if (!affected.isEmpty()) {
      message = Format.plural(offline, "device") + " offline; affected: " + String.join(", ", affected) + "." + leftOut;
    } else if (!unknown.isEmpty()) {
      message = leftOut.strip();
    } else {
      message = (sorted.size() == 1 ? "Its one cluster is healthy; " : sorted.size() == 2 ? "Both clusters healthy; " : "All " + sorted.size() + " clusters healthy; ") + Format.plural(connected, "device") + " connected.";
    }
    return new RegionSummary(sorted.size(), expected, connected, offline, worst, List.copyOf(affected), message);
  }

  private static long saturated(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
  }
}
