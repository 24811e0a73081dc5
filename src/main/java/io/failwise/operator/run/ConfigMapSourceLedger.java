package io.failwise.operator.run;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverRun;
import io.failwise.model.run.DailyBudget;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.KubernetesNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The source ledger as one ConfigMap per cluster a run has held, {@code failwise-source-NAMESPACE.NAME}
 * in the controller's namespace ({@code failwise.runs.control-namespace}, beside the halt; the name
 * predates target holds and is kept so that holds and budgets survive an upgrade): {@code holder} and
 * {@code holderUid} name the run that holds the cluster, {@code holderRole} whether as its
 * {@code Source} or its {@code Target} (absent: Source), {@code operations} lists the failovers and
 * failbacks of the last two days when it was a source, and {@code settlesAfter}, {@code settlesAfterUid}
 * and {@code settlesUntil} name the run that last moved devices into or out of it and until when its
 * counts settle ({@code failwise.runs.settle} after that run ended). Every change is a create or an update carrying the
 * resourceVersion read, retried from a fresh read on a conflict: two controllers, or two runs, cannot
 * both take a source.
 */
@ApplicationScoped
public class ConfigMapSourceLedger implements SourceLedger {
  public static final String PREFIX = "failwise-source-";
  private static final int ATTEMPTS = 10;

  private final KubernetesClient client;
  private final DailyBudget budget;
  private final Predicate<Holder> alive;
  private final String controlNamespace;
  private final java.time.Duration settle;

  @Inject
  public ConfigMapSourceLedger(KubernetesClient client, FailwiseConfig config) {
    this(client, io.failwise.operator.SettingsRefusal.budget(config),
        config.runs().controlNamespace(), config.runs().settle());
  }

  /** As the controller has it, with these settings: a holder holds while its FailoverRun, read from the API server, runs. */
  public ConfigMapSourceLedger(KubernetesClient client, DailyBudget budget, String controlNamespace, java.time.Duration settle) {
    this(client, budget, null, controlNamespace, settle);
  }

  ConfigMapSourceLedger(KubernetesClient client, DailyBudget budget, Predicate<Holder> alive, String controlNamespace) {
    this(client, budget, alive, controlNamespace, java.time.Duration.ZERO);
  }

  ConfigMapSourceLedger(
      KubernetesClient client, DailyBudget budget, Predicate<Holder> alive, String controlNamespace, java.time.Duration settle) {
    this.client = client;
    this.controlNamespace = controlNamespace;
    this.budget = budget;
    this.alive = alive;
    this.settle = settle;
  }

  public DailyBudget budget() {
    return budget;
  }

  @Override
  public Claim acquire(String namespace, String source, Holder run, Role as, List<DailyBudget.Kind> needs, Instant now) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ConfigMap cm = get(namespace, source);
      Optional<Holder> holder = holder(cm);
      if (holder.isPresent() && !holder.get().uid().equals(run.uid())) {
        Optional<Claim> held = heldOrSettling(namespace, holder.get(), Role.parse(data(cm).get("holderRole")), now);
        if (held.isPresent()) {
          return held.get();
        }
      }
      if (holder.isPresent() && holder.get().uid().equals(run.uid())) {
        return new Claim.Acquired();
      }
      Optional<Claim.Settling> settling = settling(cm, run, now);
      if (settling.isPresent()) {
        return settling.get();
      }
      Optional<String> refusal = budget.refusal(source, operations(cm), needs, now, run.uid());
      if (refusal.isPresent()) {
        return new Claim.OverBudget(refusal.get());
      }
      Map<String, String> data = data(cm);
      data.put("holder", run.name());
      data.put("holderUid", run.uid());
      data.put("holderRole", as.word());
      SETTLE_KEYS.forEach(data::remove);
      if (write(namespace, source, cm, data)) {
        return new Claim.Acquired();
      }
    }
    throw new KubernetesClientException("could not take " + source + ": the ledger kept changing");
  }

  @Override
  public void record(String namespace, String source, DailyBudget.Kind kind, Holder run, Instant now) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ConfigMap cm = get(namespace, source);
      List<DailyBudget.Operation> ops = new ArrayList<>(operations(cm));
      if (ops.stream().anyMatch(o -> o.kind() == kind && run.uid().equals(o.run()))) {
        return;
      }
      ops.add(new DailyBudget.Operation(kind, now, run.uid()));
      Map<String, String> data = data(cm);
      data.put("operations", encode(DailyBudget.prune(ops, now)));
      if (write(namespace, source, cm, data)) {
        return;
      }
    }
    throw new KubernetesClientException("could not record a " + kind.word(1) + " of " + source + ": the ledger kept changing");
  }

  @Override
  public void release(String namespace, String source, Holder run, Instant settlesUntil) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ConfigMap cm = get(namespace, source);
      if (holder(cm).filter(h -> h.uid().equals(run.uid())).isEmpty()) {
        return;
      }
      Map<String, String> data = data(cm);
      data.remove("holder");
      data.remove("holderUid");
      data.remove("holderRole");
      if (settlesUntil != null) {
        data.put("settlesAfter", run.name());
        data.put("settlesAfterUid", run.uid());
        data.put("settlesUntil", settlesUntil.toString());
      }
      if (write(namespace, source, cm, data)) {
        return;
      }
    }
  }

  @Override
  public List<DailyBudget.Operation> operations(String namespace, String source) {
    return operations(get(namespace, source));
  }

  @Override
  public Optional<Holder> holder(String namespace, String source) {
    return holder(get(namespace, source));
  }

  /**
   * Whether the holder still holds the cluster: while its run is alive, and, once it has ended having
   * moved devices, until its counts have settled (the run ended before it could release the cluster
   * itself). A holder that is gone or was replaced by a run of the same name frees it.
   */
  private Optional<Claim> heldOrSettling(String namespace, Holder holder, Role as, Instant now) {
    if (alive != null) {
      return alive.test(holder) ? Optional.of(new Claim.HeldBy(holder.name(), as)) : Optional.empty();
    }
    FailoverRun run = client.resources(FailoverRun.class).inNamespace(namespace).withName(holder.name()).get();
    return heldOrSettling(holder, as, run, settle, now);
  }

  /** {@code run}: the run of the holder's name as the API server has it now (null: gone). */
  private static Optional<Claim> heldOrSettling(Holder holder, Role as, FailoverRun run, java.time.Duration settle, Instant now) {
    if (run == null || !holder.uid().equals(run.getMetadata().getUid())) {
      return Optional.empty();
    }
    if (alive(holder, run)) {
      return Optional.of(new Claim.HeldBy(holder.name(), as, RunStatuses.awaitsResolve(run)));
    }
    return RunHolds.settlesUntil(run.getStatus(), settle).filter(now::isBefore).map(until -> new Claim.Settling(holder.name(), until));
  }

  /** Whether {@code run} (null: gone) is the holder's run and has not ended: it holds the cluster. */
  private static boolean alive(Holder holder, FailoverRun run) {
    return run != null && holder.uid().equals(run.getMetadata().getUid()) && RunStatuses.holdsItsClusters(run);
  }

  /**
   * The hold of the run named by the ledger entry {@code cm} while its run is alive, as admission counts it: a
   * holder whose run was deleted, replaced by one of the same name or has ended holds nothing (an
   * ended one's clusters may still settle, which only delays a new run). {@code runs} finds a
   * FailoverRun of the cluster's namespace by name (null: gone); it is asked only when there is a holder.
   */
  public static Optional<Claim.HeldBy> liveHolder(ConfigMap cm, java.util.function.Function<String, FailoverRun> runs) {
    Optional<Holder> holder = holder(cm);
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    FailoverRun run = runs.apply(holder.get().name());
    return alive(holder.get(), run)
        ? Optional.of(new Claim.HeldBy(holder.get().name(), Role.parse(data(cm).get("holderRole")), RunStatuses.awaitsResolve(run)))
        : Optional.empty();
  }

  /**
   * What keeps runs off a cluster now, by its ledger entry {@code cm} (null: none): the live run holding
   * it as its source or its target, else the run whose moves its device counts settle from; what
   * {@code failwise get clusters} shows. The same rules as {@link #acquire}, read from lists instead of
   * one GET per cluster: {@code runs} finds a FailoverRun of the cluster's namespace by name (null: gone),
   * and {@code settle} is {@code failwise.runs.settle}.
   */
  public static Optional<Claim> occupant(ConfigMap cm, java.util.function.Function<String, FailoverRun> runs, java.time.Duration settle, Instant now) {
    Optional<Holder> holder = holder(cm);
    if (holder.isPresent()) {
      Optional<Claim> held = heldOrSettling(holder.get(), Role.parse(data(cm).get("holderRole")), runs.apply(holder.get().name()), settle, now);
      if (held.isPresent()) {
        return held;
      }
    }
    return settling(cm, NOBODY, now).map(Claim.class::cast);
  }

  /** Nobody asking: every settle counts. */
  private static final Holder NOBODY = new Holder("", "");

  /**
   * The ledger's ConfigMaps, by name ({@link #name}): every one in the controller's namespace, since a
   * ledger written before its {@code failwise.io/namespace} label existed has only the managed-by one.
   */
  public static Map<String, ConfigMap> entries(KubernetesClient client, String controlNamespace) {
    Map<String, ConfigMap> byName = new HashMap<>();
    client.configMaps().inNamespace(controlNamespace).withLabel("app.kubernetes.io/managed-by", "failwise").list().getItems().stream()
        .filter(cm -> cm.getMetadata().getName().startsWith(PREFIX))
        .forEach(cm -> byName.put(cm.getMetadata().getName(), cm));
    return byName;
  }

  private static final String NAMESPACE_LABEL = "failwise.io/namespace";

  private ConfigMap get(String namespace, String source) {
    return client.configMaps().inNamespace(controlNamespace).withName(name(namespace, source)).get();
  }

  /**
   * In the controller's own namespace, not beside the cluster: whoever may write ConfigMaps where the
   * runs live must not be able to rewrite a budget. A namespace has no dot, so the name is unambiguous.
   */
  public static String name(String namespace, String source) {
    // A Cluster's name may be 253 characters: with the prefix and the namespace the name may not fit.
    return KubernetesNames.objectName(PREFIX + namespace + "." + source);
  }

  /** Creates or updates with the resourceVersion read; false on a conflict (read again). */
  private boolean write(String namespace, String source, ConfigMap current, Map<String, String> data) {
    try {
      if (current == null) {
        client.configMaps().inNamespace(controlNamespace).resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(namespace, source))
                .withNamespace(controlNamespace)
                .addToLabels("app.kubernetes.io/managed-by", "failwise")
                .addToLabels("failwise.io/source", KubernetesNames.labelValue(source))
                .addToLabels(NAMESPACE_LABEL, namespace)
                .endMetadata()
                .withData(data)
                .build()).create();
      } else {
        ConfigMap next = new ConfigMapBuilder(current).withData(data).build();
        client.configMaps().inNamespace(controlNamespace).resource(next).update();
      }
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  private static Map<String, String> data(ConfigMap cm) {
    return cm == null || cm.getData() == null ? new HashMap<>() : new HashMap<>(cm.getData());
  }

  private static final List<String> SETTLE_KEYS = List.of("settlesAfter", "settlesAfterUid", "settlesUntil");

  /** The run whose moves the cluster's counts are still settling from, unless it is {@code run} itself. */
  static Optional<Claim.Settling> settling(ConfigMap cm, Holder run, Instant now) {
    Map<String, String> data = data(cm);
    String until = data.get("settlesUntil");
    if (until == null || run.uid().equals(data.get("settlesAfterUid"))) {
      return Optional.empty();
    }
    try {
      Instant t = Instant.parse(until);
      return now.isBefore(t) ? Optional.of(new Claim.Settling(data.get("settlesAfter"), t)) : Optional.empty();
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty(); // a hand-edited ledger: settling is a courtesy, never a lock
    }
  }

  static Optional<Holder> holder(ConfigMap cm) {
    Map<String, String> data = data(cm);
    return data.get("holderUid") == null ? Optional.empty() : Optional.of(new Holder(data.get("holder"), data.get("holderUid")));
  }

  static List<DailyBudget.Operation> operations(ConfigMap cm) {
    String json = data(cm).get("operations");
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      List<Map<String, String>> raw = Serialization.jsonMapper().readValue(json, new TypeReference<List<Map<String, String>>>() {});
      List<DailyBudget.Operation> ops = new ArrayList<>();
      for (Map<String, String> o : raw) {
        ops.add(new DailyBudget.Operation(DailyBudget.Kind.valueOf(o.get("kind")), Instant.parse(o.get("at")), o.get("run")));
      }
      return ops;
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      // Counting nothing would allow failovers the budget forbids: refuse to guess.
      throw new IllegalStateException(
          "ConfigMap " + cm.getMetadata().getName() + ": data.operations is not the list Failwise writes (" + e.getMessage() + ")", e);
    }
  }

  private static String encode(List<DailyBudget.Operation> ops) {
    List<Map<String, String>> raw = new ArrayList<>();
    for (DailyBudget.Operation o : ops) {
      raw.add(Map.of("kind", o.kind().name(), "at", RunStatuses.time(o.at()), "run", o.run()));
    }
    return Serialization.asJson(raw);
  }
}
