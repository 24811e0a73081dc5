package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.DailyBudget;
import io.failwise.model.run.RunPhase;
import io.failwise.operator.run.SourceLedger.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The clusters a run holds while it executes: its source and its target, each taken in the ledger
 * (one run per cluster, whichever role) before the run is written Running, and freed when it has
 * ended. Two runs into one target would each pass the target's room precheck and each read the
 * target's counts that the other is changing; a run into a cluster another run is failing over
 * would do the same to that run. A Drill's failback moves devices back into the source, which the run
 * holds from admission to its end: it needs no hold of its own.
 *
 * <p>A run takes both or neither: if one is held by another run, the one it took is freed again, so a
 * waiting run holds nothing and blocks nobody; two runs each waiting for the other's cluster cannot
 * happen. Every take is atomic on the ledger, so two controllers, or a controller restarted between
 * the two takes, cannot let two runs into one cluster: a take the restart left behind is taken again
 * as a no-op, or freed when the run ends or waits.
 *
 * <p>A run that ends Failed keeps both ({@link RunStatuses#holdsItsClusters}) until a person resolves it:
 * it left routing for a person to finish by hand, and no run or policy may move devices into or out of
 * those clusters meanwhile.
 */
final class RunHolds {
  /** What taking the run's clusters came to. */
  sealed interface Outcome {
    record Taken() implements Outcome {}

    record Waits(String reason, String message) implements Outcome {}

    record OverBudget(String why) implements Outcome {}
  }

  private record Want(String cluster, Role as, List<DailyBudget.Kind> needs) {}

  private final SourceLedger ledger;
  private final Duration settle;

  /** @param settle how long a cluster's counts settle after a run that moved devices into or out of it ended */
  RunHolds(SourceLedger ledger, Duration settle) {
    this.ledger = ledger;
    this.settle = settle;
  }

  /**
   * Takes the run's source (with the budget it {@code needs}) and the target in {@code running};
   * waits if another run holds either, in either role; {@code zone} is the one its message says times in.
   */
  Outcome take(FailoverRun run, FailoverRunStatus running, List<DailyBudget.Kind> needs, Instant now, java.time.ZoneId zone) {
    String ns = run.getMetadata().getNamespace();
    SourceLedger.Holder me = RunRunner.holder(run);
    List<Want> wants = new ArrayList<>(List.of(new Want(run.getSpec().source, Role.SOURCE, needs)));
    if (running.target != null && !running.target.equals(run.getSpec().source)) {
      wants.add(new Want(running.target, Role.TARGET, List.of()));
    }
    // A cluster the ledger says someone else holds goes first: while that run is alive the take writes
    // nothing, so a waiting run does not write the ledger on every look.
    Map<String, Optional<SourceLedger.Holder>> before = new HashMap<>();
    wants.forEach(w -> before.put(w.cluster(), ledger.holder(ns, w.cluster())));
    wants.sort(Comparator.comparing((Want w) -> before.get(w.cluster()).filter(h -> !h.uid().equals(me.uid())).isEmpty()));
    List<String> mine = new ArrayList<>();
    wants.stream().filter(w -> before.get(w.cluster()).filter(h -> h.uid().equals(me.uid())).isPresent()).forEach(w -> mine.add(w.cluster()));
    for (Want want : wants) {
      SourceLedger.Claim claim = ledger.acquire(ns, want.cluster(), me, want.as(), want.needs(), now);
      if (claim instanceof SourceLedger.Claim.Acquired) {
        if (!mine.contains(want.cluster())) {
          mine.add(want.cluster());
        }
        continue;
      }
      // Both or neither: what this look took, and what a controller stopped between two takes left.
      mine.forEach(c -> ledger.release(ns, c, me));
      if (claim instanceof SourceLedger.Claim.OverBudget over) {
        return new Outcome.OverBudget(over.why());
      }
      if (claim instanceof SourceLedger.Claim.Settling settling) {
        return settles(want, settling, now, zone);
      }
      return waits(want, (SourceLedger.Claim.HeldBy) claim);
    }
    return new Outcome.Taken();
  }

  /**
   * Frees the source and the target the ended run holds (a cluster it does not hold is left alone). If
   * the run moved devices, neither is taken by another run before {@code settle} has passed since it ended.
   */
  void release(FailoverRun run) {
    String ns = run.getMetadata().getNamespace();
    SourceLedger.Holder me = RunRunner.holder(run);
    Instant settles = settlesUntil(run.getStatus(), settle).orElse(null);
    ledger.release(ns, run.getSpec().source, me, settles);
    String target = run.getStatus() == null ? null : run.getStatus().target;
    if (target != null && !Objects.equals(target, run.getSpec().source)) {
      ledger.release(ns, target, me, settles);
    }
  }

  /**
   * Until when the clusters of an ended run settle: {@code settle} after the run last moved devices, if it
   * moved any. A run that Succeeded moved its last device with its last wave (what it sets back moves none),
   * and has watched its failback's last wave for as long since: its clusters have settled by its end, or
   * soon after. Any other end may have moved devices at the end (a rollback's undo) or after it (a person
   * finishing a Failed run by hand): from its end, or from the resolve if later.
   */
  static Optional<Instant> settlesUntil(FailoverRunStatus s, Duration settle) {
    if (!moved(s) || settle.compareTo(Duration.ZERO) <= 0 || s.finishedAt == null) {
      return Optional.empty();
    }
    if (RunPhase.SUCCEEDED.displayName().equals(s.phase)) {
      return lastMove(s).map(t -> t.plus(settle));
    }
    // A resolved Failed run: the person's own moves ended when they resolved it, and the counts settle from then.
    Instant ended = Instant.parse(s.finishedAt);
    if (s.resolved != null && s.resolved.at != null && Instant.parse(s.resolved.at).isAfter(ended)) {
      ended = Instant.parse(s.resolved.at);
    }
    return Optional.of(ended.plus(settle));
  }

  /**
   * When the run's last wave had moved its devices: when it was applied plus its paced seconds. A scale
   * step's timestamp (its replicas set, or set back after the drill) moves no device.
   */
  private static Optional<Instant> lastMove(FailoverRunStatus s) {
    Instant last = null;
    for (int i = 0; i < s.steps.size(); i++) {
      List<String> applied = s.steps.get(i).wavesAppliedAt;
      String kind = s.steps.get(i).kind;
      if (applied == null || applied.isEmpty() || !("Shift".equals(kind) || "Failback".equals(kind))) {
        continue;
      }
      Instant t = Instant.parse(applied.get(applied.size() - 1));
      var planned = s.plan == null || i >= s.plan.steps.size() ? null : s.plan.steps.get(i).waves;
      if (planned != null && planned.size() >= applied.size()) {
        Long paced = planned.get(applied.size() - 1).pacedSeconds;
        t = paced == null ? t : t.plusSeconds(paced);
      }
      last = last == null || t.isAfter(last) ? t : last;
    }
    return Optional.ofNullable(last);
  }

  /** Whether any wave of the run was applied: devices moved. */
  private static boolean moved(FailoverRunStatus s) {
    return s != null && s.steps != null && s.steps.stream().anyMatch(st -> st.wavesAppliedAt != null && !st.wavesAppliedAt.isEmpty());
  }

  private static Outcome.Waits settles(Want want, SourceLedger.Claim.Settling settling, Instant now, java.time.ZoneId zone) {
    String mine = want.as() == Role.SOURCE ? "it is this run's source" : "this run would move devices into it";
    return new Outcome.Waits(want.as() == Role.SOURCE ? "WaitingForSource" : "WaitingForTarget",
        "Waiting: run " + settling.run() + " moved devices into or out of " + want.cluster() + ", and " + mine + "; its device counts"
            + " settle until " + RunStatuses.said(settling.until(), now, zone) + " (failwise.runs.settle: a device that left is counted there until its keep-alive"
            + " expires, and this run's baseline would count it), then this run starts.");
  }

  private static Outcome.Waits waits(Want want, SourceLedger.Claim.HeldBy held) {
    String cluster = want.cluster();
    if (held.awaitsResolve()) {
      String theirs = held.as() == Role.SOURCE ? "source" : "target";
      return new Outcome.Waits(want.as() == Role.SOURCE ? "WaitingForSource" : "WaitingForTarget",
          "Waiting: run " + held.run() + " ended Failed and still holds " + cluster + ", its " + theirs + ": routing may be partly moved"
              + " (its status says where the devices are and what to restore). This run starts when a person has finished that by"
              + " hand and run `failwise resolve " + held.run() + "`.");
    }
    if (want.as() == Role.SOURCE && held.as() == Role.SOURCE) {
      return new Outcome.Waits("WaitingForSource",
          "Waiting: run " + held.run() + " holds " + cluster + "; this run starts when it ends (runs on one source never interleave).");
    }
    String theirs = held.as() == Role.SOURCE ? "as its source" : "as its target";
    String mine = want.as() == Role.SOURCE ? "it is this run's source" : "this run would move devices into it";
    return new Outcome.Waits(want.as() == Role.SOURCE ? "WaitingForSource" : "WaitingForTarget",
        "Waiting: run " + held.run() + " holds " + cluster + " " + theirs + ", and " + mine
            + "; this run starts when it ends (no two runs move devices into or out of one cluster at once).");
  }
}
