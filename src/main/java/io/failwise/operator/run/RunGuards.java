package io.failwise.operator.run;

import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.model.run.DailyBudget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a run on a source may start now, by the same rules the controller applies when it admits
 * one: the global halt and another run holding the source make it wait; a freeze window or a spent
 * daily budget refuse it. Policies ask before creating a run, so their decision records the reason.
 */
@ApplicationScoped
public class RunGuards {
  /** What the guards read: the halt and a source's ledger. */
  public interface Reads {
    Optional<RunWorld.Halt> halt();

    List<DailyBudget.Operation> operations(String namespace, String source);

    /** The run holding the source, while that run is alive (as admission counts a holder). */
    Optional<SourceLedger.Claim.HeldBy> holder(String namespace, String source);
  }

  /** The reason of a verdict that waits for a person to resolve a Failed run holding the source. */
  public static final String WAITING_FOR_RESOLVE = "WaitingForResolve";

  private final RunWorld world;
  private final Reads reads;
  private final DailyBudget budget;

  /** In the controller: the halt and the ledgers from the watch of the control namespace, no GET per decision. */
  @Inject
  public RunGuards(KubernetesRunWorld world, ControlState cached) {
    this(world, cached, world.budget());
  }

  public RunGuards(RunWorld world, Reads reads, DailyBudget budget) {
    this.world = world;
    this.reads = reads;
    this.budget = budget;
  }

  /**
   * The answer: it may start, it would wait, or it would be refused; with a reason and a sentence, and
   * when a refusal ends if that is known (a freeze window's end, the budget freeing an operation).
   */
  public record Verdict(Outcome outcome, String reason, String message, Optional<Instant> until) {
    public Verdict(Outcome outcome, String reason, String message) {
      this(outcome, reason, message, Optional.empty());
    }

    public boolean allowed() {
      return outcome == Outcome.ALLOWED;
    }
  }

  /** What would happen to a run created now. */
  public enum Outcome {
    ALLOWED,
    WAITS,
    REFUSED
  }

  /**
   * @param failback whether the run's playbook fails back (it needs a failback from the budget too)
   */
  public Verdict check(String namespace, String source, Mode mode, boolean failback) {
    if (mode == Mode.Plan) {
      return new Verdict(Outcome.ALLOWED, "PlanOnly", "A Plan run executes nothing: no guard applies.");
    }
    var halt = reads.halt();
    if (halt.isPresent()) {
      return new Verdict(Outcome.WAITS, "Halted", "The global halt is set " + halt.get().described(world.now(), world.zone()) + ".");
    }
    var freeze = world.freeze(mode.name());
    if (freeze.isPresent()) {
      Instant end = freeze.get().endAfter(world.now());
      return new Verdict(
          Outcome.REFUSED, "FreezeWindow", "Freeze window " + freeze.get().text() + " is open until " + RunStatuses.said(end, world.now(), world.zone()) + ".",
          Optional.of(end));
    }
    List<DailyBudget.Kind> needs = new ArrayList<>(List.of(DailyBudget.Kind.FAILOVER));
    if (failback) {
      needs.add(DailyBudget.Kind.FAILBACK);
    }
    List<DailyBudget.Operation> operations = reads.operations(namespace, source);
    Optional<String> refusal = budget.refusal(source, operations, needs, world.now(), null);
    if (refusal.isPresent()) {
      return new Verdict(
          Outcome.REFUSED, "BudgetUsedUp", refusal.get() + ".", budget.freesAt(operations, needs, world.now(), null));
    }
    var holder = reads.holder(namespace, source);
    if (holder.isPresent() && holder.get().awaitsResolve()) {
      return new Verdict(Outcome.WAITS, WAITING_FOR_RESOLVE, "Run " + holder.get().run() + " ended Failed and holds " + source
          + " until a person finishes by hand what it left and runs `failwise resolve " + holder.get().run() + "`.");
    }
    if (holder.isPresent()) {
      return new Verdict(Outcome.WAITS, "WaitingForSource", "Run " + holder.get().run() + " holds " + source + ".");
    }
    return new Verdict(Outcome.ALLOWED, "Allowed", "Nothing prevents a " + mode.name().toLowerCase(java.util.Locale.ROOT) + " of " + source + " now.");
  }
}
