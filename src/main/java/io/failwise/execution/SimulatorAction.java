package io.failwise.execution;

import io.failwise.sim.FleetActions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code simulator} action: shift and failback waves re-home devices in the fleet simulator that
 * the demo attaches. The simulator lives and dies with this process, so remembering which idempotency
 * keys were done in memory gives the same exactly-once behaviour as the other actions.
 */
@ApplicationScoped
public class SimulatorAction implements StepAction {
  private final AtomicReference<FleetActions> fleet = new AtomicReference<>();
  private final Map<String, Long> moved = new ConcurrentHashMap<>();

  /** Makes {@code actions} the fleet that simulator actions move; the demo calls this before runs start. */
  public void attach(FleetActions actions) {
    fleet.set(actions);
  }

  /** The simulator changes no object and calls no URL: nothing to refuse. */
  @Override
  public java.util.Optional<String> refusal(ActionCall call) {
    return java.util.Optional.empty();
  }

  @Override
  public String type() {
    return "simulator";
  }

  @Override
  public List<SavedState> save(ActionCall call) {
    return List.of();
  }

  @Override
  public void apply(ActionCall call) {
    FleetActions f = fleet();
    if (moved.containsKey(call.idempotencyKey())) {
      return;
    }
    long devices = number(call, "waveDevices");
    double rate = Math.max(1, number(call, "devicesPerSecond"));
    String source = call.variables().get("source");
    String target = call.variables().get("target");
    if ("Failback".equals(call.kind())) {
      f.failback(source, target, devices, rate);
    } else if (call.spec() != null && call.spec().simulator != null && Boolean.TRUE.equals(call.spec().simulator.allAtOnce)) {
      f.shiftAll(source, target);
    } else {
      f.shift(source, target, devices, rate);
    }
    moved.put(call.idempotencyKey(), "Failback".equals(call.kind()) ? -devices : devices);
  }

  @Override
  public void undo(ActionCall call, List<SavedState> saved) {
    FleetActions f = fleet();
    if (moved.containsKey(call.idempotencyKey())) {
      return;
    }
    // Everything this step's waves moved, back to the source (keys are RUN-UID/STEP/WAVE).
    String prefix = call.idempotencyKey().substring(0, call.idempotencyKey().lastIndexOf('/') + 1);
    long devices = moved.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    if (devices > 0) {
      f.failback(call.variables().get("source"), call.variables().get("target"), devices, Math.max(1, number(call, "devicesPerSecond")));
    }
    moved.put(call.idempotencyKey(), -devices);
  }

  private FleetActions fleet() {
    FleetActions f = fleet.get();
    if (f == null) {
      throw new ActionException("no fleet simulator is running: simulator actions are for `failwise demo` and tests");
    }
    return f;
  }

  private static long number(ActionCall call, String variable) {
    String v = call.variables().get(variable);
    try {
      return Math.round(Double.parseDouble(v));
    } catch (RuntimeException e) {
      throw new ActionException("the run gave no number for {{" + variable + "}} (got '" + v + "')");
    }
  }
}
