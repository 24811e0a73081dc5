package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a shift or failback moves devices: exactly one kind of action. Each kind has a StepAction
 * implementation chosen by {@link #type()}; adding a kind means a field here and a bean there.
 * Strings may use the templates {{source}}, {{target}}, {{runName}}, {{namespace}}, {{step}},
 * {{wave}}, {{wavePercent}}, {{targetPercent}}, {{waveDevices}}, {{devicesAtTarget}},
 * {{devicesPerSecond}} and {{idempotencyKey}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.patch) ? 1 : 0) + (has(self.webhook) ? 1 : 0) + (has(self.simulator) ? 1 : 0) == 1",
    message = "an action is exactly one of patch, webhook, simulator")
public class ActionSpec {
  @JsonPropertyDescription("A JSON merge patch of a named Kubernetes object (routing ConfigMap, Service selector, DNSEndpoint).")
  public Patch patch;

  @JsonPropertyDescription("An HTTP call, e.g. a provider's failover API.")
  public Webhook webhook;

  @JsonPropertyDescription(
      "Re-home devices in the fleet simulator that `failwise demo` runs (for demos and drills in simulation only).")
  public Simulator simulator;

  /** The set kinds' names ("patch", "webhook"); a valid action has exactly one. */
  @JsonIgnore
  public List<String> typesSet() {
    List<String> types = new ArrayList<>();
    if (patch != null) {
      types.add("patch");
    }
    if (webhook != null) {
      types.add("webhook");
    }
    if (simulator != null) {
      types.add("simulator");
    }
    return types;
  }

  /** The kind of action, when exactly one is set, else null. */
  @JsonIgnore
  public String type() {
    List<String> types = typesSet();
    return types.size() == 1 ? types.get(0) : null;
  }

  /**
   * Moves the wave's devices ({{waveDevices}}) from source to target in the running fleet simulator,
   * paced at the wave's rate ({{devicesPerSecond}}); a failback moves them back.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Simulator {
    @JsonPropertyDescription(
        "Flip the whole cluster at once (every device reconnects on its own backoff) instead of paced waves;"
            + " for showing a reconnect storm.")
    public Boolean allAtOnce;
  }

  /** A JSON merge patch (RFC 7386) of one object; the previous values are saved for an exact rollback. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Patch {
    @Required
    @JsonPropertyDescription("apiVersion of the object, e.g. v1 or externaldns.k8s.io/v1alpha1.")
    public String apiVersion;

    @Required
    @JsonPropertyDescription("kind of the object, e.g. ConfigMap.")
    public String kind;

    @Required
    @JsonPropertyDescription("Name of the object; may use templates.")
    public String name;

    @JsonPropertyDescription("Namespace of the object. Default: the run's.")
    public String namespace;

    @Required
    @PreserveUnknownFields
    @JsonPropertyDescription("The merge patch; keys and string values may use templates. null removes a field.")
    public JsonNode mergePatch;
  }

  /** An HTTP request with timeout, retries with backoff, a circuit breaker and an Idempotency-Key header. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Webhook extends Request {
    @Min(1)
    @Max(300)
    @Default("10")
    @JsonPropertyDescription("Seconds to wait for each attempt's answer.")
    public Long timeoutSeconds = 10L;

    @Min(1)
    @Max(10)
    @Default("3")
    @JsonPropertyDescription("Attempts before the step fails (5xx, 408, 429 and network errors are retried with backoff).")
    public Integer attempts = 3;

    @JsonPropertyDescription("The request that undoes this action on rollback; required for a webhook in a shift step.")
    public Request undo;

    @JsonPropertyDescription(
        "Credentials sent with every request (and the undo): read from a Secret in the run's namespace at the moment of"
            + " sending, never written to the playbook, the run's status, Events or logs.")
    public Authorization authorization;
  }

  /** An Authorization header whose value comes from a Secret referenced by name. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Authorization {
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the Secret, in the run's namespace.")
    public String secretName;

    @Default("token")
    @Pattern("^[-._a-zA-Z0-9]+$")
    @JsonPropertyDescription("Key of the Secret's data that holds the credential.")
    public String key = "token";

    @Default("Bearer")
    @Pattern("^[A-Za-z][-A-Za-z0-9]*$")
    @JsonPropertyDescription("Scheme put before the credential in the Authorization header.")
    public String scheme = "Bearer";
  }

  /** One HTTP request; every string may use templates. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Request {
    @Required
    @Pattern("^https?://.+")
    public String url;

    @Default("POST")
    @Pattern("^(GET|POST|PUT|PATCH|DELETE)$")
    public String method = "POST";

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, String> headers = new LinkedHashMap<>();

    public String body;
  }
}
