package io.failwise.operator.run;

import io.failwise.model.run.DailyBudget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The source ledger in memory, with the same rules as the ConfigMap one. */
final class MemoryLedger implements SourceLedger {
  private final Map<String, Holder> holders = new HashMap<>();
  private final Map<String, Role> roles = new HashMap<>();
  private final Map<String, Settle> settles = new HashMap<>();

  private record Settle(Holder after, Instant until) {}
  private final Map<String, List<DailyBudget.Operation>> operations = new HashMap<>();
  private final DailyBudget budget;
  private final Predicate<Holder> alive;
  private final Predicate<Holder> awaitsResolve;

  MemoryLedger(DailyBudget budget, Predicate<Holder> alive) {
    this(budget, alive, h -> false);
  }

  /** @param awaitsResolve whether the holder's run ended Failed and holds its clusters until a person resolves it */
  MemoryLedger(DailyBudget budget, Predicate<Holder> alive, Predicate<Holder> awaitsResolve) {
    this.budget = budget;
    this.alive = alive;
    this.awaitsResolve = awaitsResolve;
  }

  @Override
  public Claim acquire(String namespace, String source, Holder run, Role as, List<DailyBudget.Kind> needs, Instant now) {
    String key = namespace + "/" + source;
    Holder holder = holders.get(key);
    if (holder != null && !holder.uid().equals(run.uid()) && alive.test(holder)) {
      return new Claim.HeldBy(holder.name(), roles.get(key), awaitsResolve.test(holder));
    }
    if (run.equals(holder)) {
      return new Claim.Acquired();
    }
    Settle settle = settles.get(key);
    if (settle != null && !settle.after().uid().equals(run.uid()) && now.isBefore(settle.until())) {
      return new Claim.Settling(settle.after().name(), settle.until());
    }
    Optional<String> refusal = budget.refusal(source, operations(namespace, source), needs, now, run.uid());
    if (refusal.isPresent() && !run.equals(holder)) {
      return new Claim.OverBudget(refusal.get());
    }
    holders.put(key, run);
    roles.put(key, as);
    settles.remove(key);
    return new Claim.Acquired();
  }

  @Override
  public void record(String namespace, String source, DailyBudget.Kind kind, Holder run, Instant now) {
    List<DailyBudget.Operation> ops = operations.computeIfAbsent(namespace + "/" + source, k -> new ArrayList<>());
    if (ops.stream().noneMatch(o -> o.kind() == kind && o.run().equals(run.uid()))) {
      ops.add(new DailyBudget.Operation(kind, now, run.uid()));
    }
  }

  @Override
  public void release(String namespace, String source, Holder run, Instant settlesUntil) {
    if (holders.remove(namespace + "/" + source, run)) {
      roles.remove(namespace + "/" + source);
      if (settlesUntil != null) {
        settles.put(namespace + "/" + source, new Settle(run, settlesUntil));
      }
    }
  }

  @Override
  public List<DailyBudget.Operation> operations(String namespace, String source) {
    return List.copyOf(operations.getOrDefault(namespace + "/" + source, List.of()));
  }

  @Override
  public Optional<Holder> holder(String namespace, String source) {
    return Optional.ofNullable(holders.get(namespace + "/" + source));
  }
}
