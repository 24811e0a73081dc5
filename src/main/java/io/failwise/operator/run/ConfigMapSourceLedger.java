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
 * The source ledger as one ConfigMap per source cluster, {@code failwise-source-NAMESPACE.NAME} in the
 * controller's namespace ({@code failwise.runs.control-namespace}, beside the halt):
 * {@code holder} and {@code holderUid} name the run that holds the source, {@code operations} lists
 * the failovers and failbacks of the last two days. Every change is a create or an update carrying the
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

  @Inject
  public ConfigMapSourceLedger(KubernetesClient client, FailwiseConfig config) {
    this(client, new DailyBudget(config.runs().budget().failoversPerDay(), config.runs().budget().failbacksPerDay()), null,
        config.runs().controlNamespace());
  }

  ConfigMapSourceLedger(KubernetesClient client, DailyBudget budget, Predicate<Holder> alive, String controlNamespace) {
    this.client = client;
    this.controlNamespace = controlNamespace;
    this.budget = budget;
    this.alive = alive;
  }

  public DailyBudget budget() {
    return budget;
  }

  @Override
  public Claim acquire(String namespace, String source, Holder run, List<DailyBudget.Kind> needs, Instant now) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ConfigMap cm = get(namespace, source);
      Optional<Holder> holder = holder(cm);
      if (holder.isPresent() && !holder.get().uid().equals(run.uid()) && isAlive(namespace, holder.get())) {
        return new Claim.HeldBy(holder.get().name());
      }
      if (holder.isPresent() && holder.get().uid().equals(run.uid())) {
        return new Claim.Acquired();
      }
      Optional<String> refusal = budget.refusal(source, operations(cm), needs, now, run.uid());
      if (refusal.isPresent()) {
        return new Claim.OverBudget(refusal.get());
      }
      Map<String, String> data = data(cm);
      data.put("holder", run.name());
      data.put("holderUid", run.uid());
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
  public void release(String namespace, String source, Holder run) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ConfigMap cm = get(namespace, source);
      if (holder(cm).filter(h -> h.uid().equals(run.uid())).isEmpty()) {
        return;
      }
      Map<String, String> data = data(cm);
      data.remove("holder");
      data.remove("holderUid");
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

  /** A holder that is gone, was replaced by a run of the same name, or has ended frees the source. */
  private boolean isAlive(String namespace, Holder holder) {
    if (alive != null) {
      return alive.test(holder);
    }
    FailoverRun run = client.resources(FailoverRun.class).inNamespace(namespace).withName(holder.name()).get();
    return run != null && holder.uid().equals(run.getMetadata().getUid()) && !RunStatuses.phase(run).isTerminal();
  }

  private ConfigMap get(String namespace, String source) {
    return client.configMaps().inNamespace(controlNamespace).withName(name(namespace, source)).get();
  }

  /**
   * In the controller's own namespace, not beside the cluster: whoever may write ConfigMaps where the
   * runs live must not be able to rewrite a budget. A namespace has no dot, so the name is unambiguous.
   */
  static String name(String namespace, String source) {
    return PREFIX + namespace + "." + source;
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
                .addToLabels("failwise.io/source", source)
                .addToLabels("failwise.io/namespace", namespace)
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
