package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.failwise.api.FailoverRun;
import io.failwise.model.run.DailyBudget;
import io.failwise.operator.FailwiseConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The global halt and the source ledgers as a watch of the control namespace's ConfigMaps last saw
 * them: what a policy decision reads, so that a thousand clusters in an outage cost no GET each per
 * cycle (a cluster a run holds costs one GET of that run, to know it is still alive). A halt set with {@code failwise halt} or kubectl counts from the next decision after the
 * watch delivers it (milliseconds). Writes (taking a source, recording an operation) still read
 * and write the API server with the resourceVersion, so the cache never decides who holds a source.
 */
@ApplicationScoped
public class ControlState implements RunGuards.Reads, AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private volatile SharedIndexInformer<ConfigMap> informer;

  private final Clock clock;

  @Inject
  public ControlState(KubernetesClient client, FailwiseConfig config, Clock clock) {
    this(client, config.runs().controlNamespace(), clock);
  }

  public ControlState(KubernetesClient client, String controlNamespace, Clock clock) {
    this.client = client;
    this.namespace = controlNamespace;
    this.clock = clock;
  }

  @Override
  public Optional<RunWorld.Halt> halt() {
    return get(HaltSwitch.NAME).map(cm -> HaltSwitch.halt(cm, clock, Clock.systemUTC()));
  }

  @Override
  public List<DailyBudget.Operation> operations(String namespace, String source) {
    return get(ConfigMapSourceLedger.name(namespace, source)).map(ConfigMapSourceLedger::operations).orElse(List.of());
  }

  /**
   * The run holding {@code source} while it is alive, as admission counts it: the ledger from the watch,
   * and, only when it names a holder, one GET of that FailoverRun (a holder deleted mid-run, or ended
   * before it released the cluster, must not keep a policy waiting for ever).
   */
  @Override
  public Optional<SourceLedger.Claim.HeldBy> holder(String namespace, String source) {
    return get(ConfigMapSourceLedger.name(namespace, source))
        .flatMap(cm -> ConfigMapSourceLedger.liveHolder(cm, run -> client.resources(FailoverRun.class).inNamespace(namespace).withName(run).get()));
  }

  /**
   * What keeps runs off {@code cluster} now, by its ledger entry as this watch last saw it: the same
   * rules as admission ({@link ConfigMapSourceLedger#occupant}); {@code runs} finds a FailoverRun of the
   * cluster's namespace by name (null: gone), {@code settle} is {@code failwise.runs.settle}.
   */
  public Optional<SourceLedger.Claim> occupant(
      String namespace, String cluster, Function<String, FailoverRun> runs, Duration settle, Instant now) {
    return get(ConfigMapSourceLedger.name(namespace, cluster)).flatMap(cm -> ConfigMapSourceLedger.occupant(cm, runs, settle, now));
  }

  /** Also tells {@code handler} of the control namespace's ConfigMaps (those there now first, as adds). */
  public void addHandler(io.fabric8.kubernetes.client.informers.ResourceEventHandler<ConfigMap> handler) {
    informer().addEventHandler(handler);
  }

  private Optional<ConfigMap> get(String name) {
    return Optional.ofNullable(informer().getStore().getByKey(namespace + "/" + name));
  }

  /** Started on first use and synced before it answers (the informer lists, then watches). */
  private SharedIndexInformer<ConfigMap> informer() {
    SharedIndexInformer<ConfigMap> i = informer;
    if (i == null) {
      synchronized (this) {
        i = informer;
        if (i == null) {
          i = client.configMaps().inNamespace(namespace).inform();
          informer = i;
        }
      }
    }
    return i;
  }

  @PreDestroy
  @Override
  public synchronized void close() {
    if (informer != null) {
      informer.close();
      informer = null;
    }
  }
}
