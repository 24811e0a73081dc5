package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Where a cluster's devices can go and what the switch costs. */
@ValidationRule(
    value = "!has(self.targets) || self.targets.all(t, self.targets.exists_one(u, u.cluster == t.cluster))",
    message = "spec.failover.targets: each target cluster may be listed only once")
public class FailoverSpec {
  /**
   * The most targets a cluster lists. A bound a real API server needs: it refuses a CRD whose CEL rules it
   * estimates could cost more than its limit, and the uniqueness rule above compares every pair of targets,
   * which over a list without maxItems is estimated far past it (CrdRuleCostTest).
   */
  public static final int MAX_TARGETS = 20;

  /** The longest name of a Kubernetes object (a DNS subdomain): a target's cluster, bounded for the same estimate. */
  public static final int MAX_NAME = 253;

  @Size(max = MAX_TARGETS)
  @JsonPropertyDescription(
      "Clusters this one can fail over to. Of those healthy, in another region and with room, the one where the move is"
          + " expected to lose the fewest device-minutes is chosen, the lowest priority number breaking a tie (see targetOrder).")
  public List<Target> targets = new ArrayList<>();

  @Default("LeastLoss")
  @JsonPropertyDescription(
      "LeastLoss: the target where the move is expected to lose the fewest device-minutes; priority breaks a tie."
          + " Priority: the lowest priority number that is healthy with room, whatever the others cost (a strict order).")
  public TargetOrder targetOrder = TargetOrder.LeastLoss;

  @Min(0)
  @Max(86400)
  @JsonPropertyDescription(
      "Seconds the switch itself takes, during which the source's devices are disconnected"
          + " (Azure IoT Hub manual failover: 10 min to 2 h, about 15 min for 100k devices).")
  public Long cutoverSeconds;

  @Min(0)
  @Max(86400)
  @JsonPropertyDescription(
      "Optional: the 90th percentile of the switch's seconds, at most 86,400 (cutoverSeconds is the median). Default twice"
          + " cutoverSeconds; measured IoT Hub failovers took 518-697 s for 80k-300k devices, Azure documents 10 min to 2 h.")
  public Long cutoverP90Seconds;

  @Default("Cluster")
  @JsonPropertyDescription(
      "Cluster: all devices move together. Device: devices can be re-homed one by one (e.g. by re-provisioning).")
  public Granularity granularity = Granularity.Cluster;

  @Default("true")
  @JsonPropertyDescription("Whether devices must be moved back after the outage (a second disruption).")
  public Boolean failbackRequired = Boolean.TRUE;

  /** How the target is chosen among the eligible targets with room. */
  public enum TargetOrder {
    LeastLoss,
    Priority
  }

  /** How devices move. */
  public enum Granularity {
    Cluster,
    Device
  }

  /** A failover target. */
  public static class Target {
    @Required
    @Size(max = MAX_NAME)
    @JsonPropertyDescription("Name of a Cluster in the same namespace.")
    public String cluster;

    @Min(0)
    @Max(Integer.MAX_VALUE) // a 32-bit integer: larger was stored, and the controller could not read the Cluster
    @Default("0")
    @JsonPropertyDescription("Lower numbers break a tie in cost, or come first when targetOrder is Priority.")
    public Integer priority = 0;

    public Target() {}

    public Target(String cluster, int priority) {
      this.cluster = cluster;
      this.priority = priority;
    }
  }
}
