package io.failwise.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.operator.DevicesAway;
import io.failwise.operator.FailwiseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which run has moved a cluster's devices out, from the source ledger as the control namespace's watch
 * last saw it (one GET of the run only when the ledger names a holder): a run alive that holds the
 * cluster as its source, or the run after which its counts settle.
 */
@ApplicationScoped
public class DevicesAwayReader implements DevicesAway.Reader {
  private final ControlState control;
  private final KubernetesClient client;
  private final Duration settle;

  public DevicesAwayReader(ControlState control, KubernetesClient client, FailwiseConfig config) {
    this.control = control;
    this.client = client;
    this.settle = config.runs().settle();
  }

  @Override
  public Optional<DevicesAway> of(Cluster cluster, Instant now) {
    String namespace = cluster.getMetadata().getNamespace();
    FailoverRun[] holder = new FailoverRun[1];
    try {
      return control
          .occupant(namespace, cluster.getMetadata().getName(),
              run -> holder[0] = client.resources(FailoverRun.class).inNamespace(namespace).withName(run).get(), settle, now)
          .flatMap(claim -> away(claim, holder[0]));
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      // The ledger cannot be read now: the cluster's verdict stands on its own counts rather than failing its reconcile.
      LOG.warnf("Cluster %s/%s: cannot read the source ledger to tell whether a run has its devices away: %s", namespace,
          cluster.getMetadata().getName(), e.getMessage());
      return Optional.empty();
    }
  }

  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DevicesAwayReader.class);

  /**
   * A holder counts from its first shift wave: a run admitted and waiting for its approval has moved
   * nothing, and the counts are the cluster's own (an outage that ends meanwhile must end). A settle is
   * recorded only after a run that moved devices.
   */
  static Optional<DevicesAway> away(SourceLedger.Claim claim, FailoverRun holder) {
    if (claim instanceof SourceLedger.Claim.HeldBy held && held.as() == SourceLedger.Role.SOURCE) {
      boolean moved = holder != null && holder.getStatus() != null && holder.getStatus().steps != null
          && RunStatuses.devicesMoved(holder.getStatus());
      String ended = holder != null && RunStatuses.awaitsResolve(holder) ? holder.getStatus().phase : null;
      return moved ? Optional.of(new DevicesAway(held.run(), null, ended)) : Optional.empty();
    }
    if (claim instanceof SourceLedger.Claim.Settling settling) {
      return Optional.of(new DevicesAway(settling.run(), settling.until()));
    }
    return Optional.empty();
  }
}
