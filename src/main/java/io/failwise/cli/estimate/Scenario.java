package io.failwise.cli.estimate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The {@code Scenario} document {@code failwise estimate} reads beside the Regions and Clusters: an
 * outage on one cluster, the moment of the assessment and, optionally, the outage-duration prior and
 * the fleet's past outages it learns from. Not a custom resource (no @Group/@Version): it never goes to
 * an API server.
 */
public class Scenario {
  public static final String KIND = "Scenario";

  public String apiVersion;
  public String kind;
  public ObjectMeta metadata;
  public Spec spec;

  /** What happened and when the assessment is made. */
  public static class Spec {
    @JsonPropertyDescription("The moment of the assessment (RFC 3339, e.g. 2026-03-12T21:40:00+01:00).")
    public String at;

    public OutageSpec outage;

    @JsonPropertyDescription("Optional: the lognormal prior on outage durations; the documented default otherwise.")
    public PriorSpec durationPrior;

    @JsonPropertyDescription(
        "Optional: the fleet's own ended outages, as the controller records them in a Cluster's status.pastOutages"
            + " (at most 1,000, each ended by spec.at); the duration prior learns from their durations.")
    public java.util.List<PastOutageSpec> pastOutages;

    @JsonPropertyDescription(
        "Optional: failovers and failbacks the source has had in the last 24 hours; against the controller's daily"
            + " budget (failwise.runs.budget.*) they can block a failover.")
    public BudgetSpec budget;
  }

  /** Operations already spent from the daily budget. */
  public static class BudgetSpec {
    @JsonPropertyDescription("Failovers of the source in the last 24 hours (0 or more).")
    public Integer failoversToday;

    @JsonPropertyDescription("Failbacks of the source in the last 24 hours (0 or more).")
    public Integer failbacksToday;
  }

  /** The outage in progress. */
  public static class OutageSpec {
    @JsonPropertyDescription("metadata.name of the Cluster with the outage.")
    public String cluster;

    @JsonPropertyDescription("When it began (RFC 3339).")
    public String since;

    @JsonPropertyDescription("Devices offline at the moment of the assessment, as a monitor counts them.")
    public Long offlineDevices;

    @JsonPropertyDescription(
        "Optional: devices the outage touches when it is intermittent (they take turns offline); at least"
            + " offlineDevices, which is the default. How many moving only the affected devices would move.")
    public Long affectedDevices;

    @JsonPropertyDescription("Optional: the monitor's earlier readings, oldest first, all before spec.at: the trend.")
    public java.util.List<SampleSpec> recent;

    @JsonPropertyDescription("No longer read: offlineDevices counts devices offline at this instant; use affectedDevices.")
    @io.failwise.cli.files.Retired
    public Boolean intermittent;
  }

  /** One earlier reading of the offline count. */
  public static class SampleSpec {
    @JsonPropertyDescription("When it was read (RFC 3339).")
    public String at;

    @JsonPropertyDescription("Devices offline then.")
    public Long offlineDevices;
  }

  /** One ended outage: the field names of a Cluster's status.pastOutages. */
  public static class PastOutageSpec {
    @JsonPropertyDescription("When it began (RFC 3339).")
    public String start;

    @JsonPropertyDescription("When it ended (RFC 3339), after start and not after spec.at.")
    public String end;

    @JsonPropertyDescription(
        "True when a run had the cluster's devices away as it ended (as status.pastOutages says it): its end is when they"
            + " were back, later than the outage's own, and the prior does not learn from it.")
    public Boolean endHiddenByRun;
  }

  /** A lognormal prior set by its median and 90th percentile. */
  public static class PriorSpec {
    public Double medianMinutes;
    public Double p90Minutes;
  }
}
