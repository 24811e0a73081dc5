package io.failwise.model.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A failback wave that probes a source whose outage may have cut its capacity. A Failover planned while
 * its source had devices offline saw the most the source then held connected; a failback wave that takes
 * the source far past that sends devices into a capacity that may still be cut, and the canary cannot
 * tell (it fits under the cut). Reproduced on the embedded world: with go-eu-west-2's capacity cut to
 * 72,000 of its 120,000 devices, the canary (12,000) and the second wave (60,000 in all) found it
 * healthy, and the last wave sent the other 60,000 home at once: 48,000 offline again.
 *
 * <p>So before the first wave that would take the source more than a canary's worth past what it held,
 * a probe wave takes it to that level and a canary's worth more, and is held and judged as every
 * failback wave is: a source that cannot take more shows it with at most a canary's worth of devices
 * offline, and the failback pauses there. A source that held all its devices (no outage at planning)
 * and a total outage (the canary is then the probe) get none.
 */
public final class FailbackProbe {
  /**
   * The probe: its cumulative percentage of the moved devices, the devices the source holds after it,
   * what it held connected when the run was planned, and the canary's worth past that.
   */
  public record Probe(int percent, long sourceDevices, long heldDuringOutage, long margin) {}

  private FailbackProbe() {}

  /**
   * The probe for failback {@code waves} (cumulative percentages of {@code moved}) into a source of
   * {@code expected} devices with {@code offline} of them offline when the run was planned; empty when
   * no wave takes the source past what it held by more than a canary's worth, or the probe would fall on
   * a wave already there, or the waves are already as many as a plan may have.
   */
  public static Optional<Probe> of(List<Integer> waves, long expected, long offline, long moved) {
    if (waves == null || waves.isEmpty() || moved <= 0 || offline <= 0 || waves.size() >= Waves.MAX_WAVES) {
      return Optional.empty();
    }
    long held = Math.max(0, expected - offline);
    long stays = Math.max(0, expected - moved); // devices the run does not move (an affected-devices move)
    long margin = Math.max(1, Math.floorDiv(moved * waves.get(0), 100)); // a canary's worth
    int previous = 0;
    for (int percent : waves) {
      if (stays + Waves.after(moved, percent) > held + margin) {
        long percentAtLimit = Math.floorDiv((held + margin - stays) * 100, moved);
        if (percentAtLimit <= previous || percentAtLimit >= percent) {
          return Optional.empty(); // the wave before already probes it, or this one is the probe
        }
        int probe = (int) percentAtLimit;
        return Optional.of(new Probe(probe, stays + Waves.after(moved, probe), held, margin));
      }
      previous = percent;
    }
    return Optional.empty();
  }

  /** {@code waves} with the probe's percentage among them, in order. */
  public static List<Integer> with(List<Integer> waves, Probe probe) {
    List<Integer> out = new ArrayList<>(waves);
    int at = 0;
    while (at < out.size() && out.get(at) < probe.percent()) {
      at++;
    }
    out.add(at, probe.percent());
    return List.copyOf(out);
  }
}
