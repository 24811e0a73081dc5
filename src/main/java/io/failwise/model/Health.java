package io.failwise.model;

/** How a cluster or region is doing, worst last so that aggregation can take the maximum. */
public enum Health {
  HEALTHY("Healthy"),
  UNKNOWN("Unknown"),
  DEGRADED("Degraded"),
  OUTAGE("Outage");

  private final String displayName;

  Health(String displayName) {
    this.displayName = displayName;
  }

  /** The CamelCase name used in status fields and condition reasons. */
  public String displayName() {
    return displayName;
  }

  /** The health a status field names ({@link #displayName}), if it names one; null names none. */
  public static java.util.Optional<Health> parse(String displayName) {
    return java.util.Arrays.stream(values()).filter(h -> h.displayName.equals(displayName)).findFirst();
  }

  /** The worse of two. */
  public Health worst(Health other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
