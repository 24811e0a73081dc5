package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Where a cluster's device counts come from: fixed counts, or one or more Prometheus observers. */
@ValidationRule(
    value = "has(self.static) != has(self.prometheus)",
    message = "spec.signals: name exactly one source of device counts: static or prometheus")
@ValidationRule(
    value = "!has(self.quorum) || self.quorum <= (has(self.prometheus) ? size(self.prometheus) : 1)",
    message = "spec.signals.quorum: cannot exceed the number of observers")
@ValidationRule(
    value = "!has(self.prometheus) || self.prometheus.all(o, self.prometheus.exists_one(p, p.name == o.name))",
    message = "spec.signals.prometheus: observer names must be unique")
public class SignalsSpec {
  /** Most observers a cluster may name: status lists one entry per observer and must stay small. */
  public static final int MAX_OBSERVERS = 5;

  @JsonProperty("static")
  @JsonPropertyDescription("Fixed device counts, for samples, tests and clusters without telemetry.")
  public StaticSignal staticSignal;

  @Size(min = 1, max = MAX_OBSERVERS)
  @JsonPropertyDescription(
      "Prometheus servers that observe this cluster's devices, e.g. one in each of two other regions. Each is"
          + " queried every failwise.signals.poll-interval and judged by its own detector.")
  public List<PrometheusObserver> prometheus;

  @Min(1)
  @Max(SignalsSpec.MAX_OBSERVERS) // no more than the observers there can be
  @JsonPropertyDescription(
      "How many observers must agree before the cluster is said to be in an outage (default: a majority of them).")
  public Integer quorum;

  /** The quorum in force: the spec's, else a majority of the observers. */
  public int effectiveQuorum() {
    int observers = prometheus == null ? 1 : prometheus.size();
    return quorum != null ? quorum : observers / 2 + 1;
  }

  /** Device counts written into the spec. */
  @ValidationRule(
      value = "self.connected <= self.expected",
      message = "spec.signals.static: connected cannot exceed expected")
  public static class StaticSignal {
    @Min(0)
    @Max(io.failwise.model.detect.PlausibleCounts.MAX_DEVICES)
    @JsonPropertyDescription("Devices that normally connect to this cluster.")
    public long expected;

    @Min(0)
    @Max(io.failwise.model.detect.PlausibleCounts.MAX_DEVICES)
    @JsonPropertyDescription("Devices connected now.")
    public long connected;
  }

  /** A Prometheus server and the PromQL that gives the cluster's device counts. */
  public static class PrometheusObserver {
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    @io.fabric8.generator.annotation.Size(max = 63) // the pattern's bound, said so a CEL cost estimate sees it (CrdRuleCostTest)
    @JsonPropertyDescription("Name of this observer in status and messages, e.g. prometheus-eu-north.")
    public String name;

    @Required
    @Pattern("^https?://[^\\s/]+(/.*)?$")
    @JsonPropertyDescription("Base URL of the Prometheus HTTP API, e.g. http://prometheus.monitoring:9090.")
    public String url;

    @Required
    @JsonPropertyDescription(
        "PromQL returning one series: devices connected now, e.g. sum(iothub_connected_devices{hub=\"go-eu-west-1\"}).")
    public String connectedQuery;

    @JsonPropertyDescription(
        "PromQL returning one series: devices that should be connected. Without it, the detector judges connected"
            + " devices against their own baseline.")
    public String expectedQuery;

    @JsonPropertyDescription("PromQL returning one series: failed connection attempts per second (shown in status).")
    public String errorsQuery;

    @Min(1)
    @Max(60)
    @JsonPropertyDescription("Seconds to wait for one answer (default: failwise.signals.timeout).")
    public Integer timeoutSeconds;

    public PrometheusObserver() {}

    public PrometheusObserver(String name, String url, String connectedQuery, String expectedQuery) {
      this.name = name;
      this.url = url;
      this.connectedQuery = connectedQuery;
      this.expectedQuery = expectedQuery;
    }
  }
}
