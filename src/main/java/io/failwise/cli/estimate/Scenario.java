package io.failwise.cli.estimate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The {@code Scenario} document {@code failwise estimate} reads beside the Regions and Clusters: an
 * outage on one cluster, the moment of the assessment and, optionally, the outage-duration prior. Not
 * a custom resource (no @Group/@Version): it never goes to an API server.
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
  }

  /** The outage in progress. */
  public static class OutageSpec {
    @JsonPropertyDescription("metadata.name of the Cluster with the outage.")
    public String cluster;

    @JsonPropertyDescription("When it began (RFC 3339).")
    public String since;

    @JsonPropertyDescription("Devices it has taken offline (when intermittent: the devices it affects).")
    public Long offlineDevices;

    @JsonPropertyDescription("Whether affected devices drop and reconnect rather than stay offline; default false.")
    public Boolean intermittent;
  }

  /** A lognormal prior set by its median and 90th percentile. */
  public static class PriorSpec {
    public Double medianMinutes;
    public Double p90Minutes;
  }
}
