package io.failwise.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A region's health, aggregated from the clusters in it: the worst cluster decides. */
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
      if (m.devices() != null) {
        expected += m.devices().expected();
        connected += m.devices().connected();
        offline += m.devices().offline();
      }
      if (m.health() == Health.DEGRADED || m.health() == Health.OUTAGE) {
        affected.add(m.name());
      } else if (m.health() == Health.UNKNOWN) {
        unknown.add(m.name());
      }
    }
    String message;
    if (!affected.isEmpty()) {
      message = Format.plural(offline, "device") + " offline; affected: " + String.join(", ", affected) + ".";
    } else if (!unknown.isEmpty()) {
      message = "No signal from " + String.join(", ", unknown) + ".";
    } else {
      message = (sorted.size() == 1 ? "The 1 cluster is healthy; " : "All " + sorted.size() + " clusters healthy; ") + Format.plural(connected, "device") + " connected.";
    }
    return new RegionSummary(sorted.size(), expected, connected, offline, worst, List.copyOf(affected), message);
  }
}
