package io.failwise.model.run;

import io.failwise.model.Format;
import io.failwise.model.Health;
import io.failwise.model.SameRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks before any device moves: the target is in another region than the source (a regional
 * failover), it is healthy and has room for what will move, there
 * is something to move, the daily budget allows it, no freeze window is open and the halt is not set.
 */
public final class Prechecks {
  private Prechecks() {}

  /** One check's verdict. */
  public record Result(String name, boolean passed, String message) {}

  /**
   * What the checks look at.
   *
   * @param sourceRegion the source's region (empty when unknown)
   * @param targetRegion the target's region (empty when unknown)
   * @param targetHealth null when the target's signal is unknown
   * @param targetConnected devices connected at the target now (0 when unknown)
   * @param budgetRefusal why the budget does not allow the run, or empty
   * @param freezeWindow the open freeze window that forbids the run, or empty
   * @param haltedBy who set the global halt, or empty
   */
  public record Inputs(
      String source,
      String sourceRegion,
      String target,
      String targetRegion,
      Health targetHealth,
      String targetHealthMessage,
      long targetCapacity,
      long targetConnected,
      long targetOwnOffline,
      long devicesToMove,
      double maxTargetUtilization,
      Optional<String> budgetRefusal,
      Optional<String> freezeWindow,
      Optional<String> haltedBy) {
    public Inputs {
      sourceRegion = sourceRegion == null ? "" : sourceRegion;
      targetRegion = targetRegion == null ? "" : targetRegion;
    }
  }

  static final String REGION = "TargetInAnotherRegion";

  public static List<Result> evaluate(Inputs in) {
    List<Result> results = new ArrayList<>();
    results.add(region(in));
    boolean healthy = in.targetHealth() == Health.HEALTHY;
    results.add(
        new Result(
            "TargetHealthy",
            healthy,
            in.targetHealth() == null
                ? "The device counts of " + in.target() + " are unknown: " + in.targetHealthMessage()
                : in.target() + " is " + in.targetHealth().displayName() + ": " + in.targetHealthMessage()));
    // The target's own offline devices will come back: they are not room (the estimator counts room the same way).
    long room = (long) Math.floor(in.targetCapacity() * in.maxTargetUtilization()) - in.targetConnected() - in.targetOwnOffline();
    boolean fits = in.devicesToMove() <= room;
    results.add(
        new Result(
            "TargetHasRoom",
            fits,
            in.target() + " has room for " + Format.count(Math.max(0, room)) + " more devices (" + Format.percent(in.maxTargetUtilization())
                + " of " + Format.count(in.targetCapacity()) + ", " + Format.count(in.targetConnected()) + " connected"
                + (in.targetOwnOffline() > 0 ? ", " + Format.count(in.targetOwnOffline()) + " of its own offline" : "") + "); the run moves "
                + Format.count(in.devicesToMove()) + "."));
    results.add(
        new Result(
            "DevicesToMove",
            in.devicesToMove() > 0,
            in.devicesToMove() > 0
                ? Format.plural(in.devicesToMove(), "device") + " to move."
                : "Nothing to move: the shift's scope holds no devices now."));
    results.add(
        new Result("BudgetLeft", in.budgetRefusal().isEmpty(), in.budgetRefusal().map(Prechecks::sentence).orElse("The daily failover budget allows it.")));
    results.add(
        new Result(
            "NoFreezeWindow",
            in.freezeWindow().isEmpty(),
            in.freezeWindow().map(w -> "Freeze window " + w + " is open.").orElse("No freeze window is open.")));
    results.add(
        new Result(
            "NotHalted",
            in.haltedBy().isEmpty(),
            in.haltedBy().map(by -> "The global halt is set by " + by + ".").orElse("The global halt is not set.")));
    return results;
  }

  /** The estimator refuses a target in the source's own region in the same words ({@link SameRegion}). */
  private static Result region(Inputs in) {
    String unknown = in.sourceRegion().isEmpty() ? in.source() : in.targetRegion().isEmpty() ? in.target() : "";
    if (!unknown.isEmpty()) {
      return new Result(REGION, false, "The region of " + unknown + " is unknown: a regional failover needs the source's and the target's.");
    }
    Optional<String> sameRegion = SameRegion.refusal(in.source(), in.sourceRegion(), in.target(), in.targetRegion());
    if (sameRegion.isPresent()) {
      return new Result(REGION, false, sameRegion.get() + ".");
    }
    return new Result(REGION, true, in.target() + " is in " + in.targetRegion() + ", " + in.source() + " in " + in.sourceRegion() + ".");
  }

  /** The failed checks' messages, one sentence each, or empty when all passed. */
  public static String failures(List<Result> results) {
    return String.join(" ", results.stream().filter(r -> !r.passed()).map(Result::message).toList());
  }

  private static String sentence(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1) + (s.endsWith(".") ? "" : ".");
  }
}
