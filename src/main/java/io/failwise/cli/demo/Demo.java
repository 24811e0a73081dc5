package io.failwise.cli.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.cli.EmbeddedMode;
import io.failwise.cli.world.FleetLine;
import io.failwise.cli.world.FleetObserver;
import io.failwise.cli.world.LivingFleet;
import io.failwise.cli.world.Timeline;
import io.failwise.execution.SimulatorAction;
import io.failwise.model.Format;
import io.failwise.operator.OperatorShutdown;
import io.failwise.operator.SwitchableClock;
import io.failwise.sim.FleetSimulator;
import io.failwise.sim.Scenario;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.Dependent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's night: a simulated fleet behind a simulated Prometheus, the real controller detecting
 * and deciding on the API server, and a timeline of it all beside the incident report's.
 */
@Dependent
public class Demo {
  static final String NAMESPACE = EmbeddedMode.NAMESPACE;

  /** What a test (or the exit code) needs to know about the run. */
  public record Result(Optional<Instant> outageDetected, Optional<String> firstDecision, int decisions, boolean drillCompleted) {}

  private final Operator operator;
  private final KubernetesClient client;
  private final SwitchableClock clock;
  private final MeterRegistry registry;
  private final DemoDrill drill;
  private final SimulatorAction simulator;

  public Demo(
      Operator operator, KubernetesClient client, SwitchableClock clock, MeterRegistry registry, DemoDrill drill, SimulatorAction simulator) {
    this.drill = drill;
    this.simulator = simulator;
    this.operator = operator;
    this.client = client;
    this.clock = clock;
    this.registry = registry;
  }

  public Result run(Scenario sc, long seed, double speed, boolean withDrill, PrintWriter out) throws Exception {
    FleetSimulator fleet = sc.simulator(seed);
    try (LivingFleet world = LivingFleet.start(fleet, speed, sc.zone(), clock, registry, simulator)) {
      try {
        return play(world, fleet, sc, speed, withDrill, out);
      } finally {
        // Before the world closes: once stop returns no signal poll runs, so none reads a fleet that is gone.
        OperatorShutdown.stopNow(operator);
      }
    }
  }

  private Result play(LivingFleet world, FleetSimulator fleet, Scenario sc, double speed, boolean withDrill, PrintWriter out)
      throws Exception {
    DemoResources.create(client, NAMESPACE, sc, world);
    Timeline timeline = new Timeline(out, sc.zone(), sc.seed());
    timeline.plain("Failwise demo: " + sc.name() + ". " + sc.description());
    timeline.plain("Simulated fleet: " + Format.plural(fleet.devices(), "device") + " in " + Format.plural(sc.clusters().size(), "cluster")
        + " behind a simulated Prometheus; " + Format.minutes(sc.length().toSeconds() / 60.0)
        + " of simulated time at " + (long) speed + "x. A Shadow policy watches every cluster.");
    timeline.plain("'report' lines are the incident report's own timeline; 'FAILWISE' lines are what the controller did.");
    timeline.plain("");
    operator.start();
    FleetObserver observer = new FleetObserver(client, NAMESPACE, timeline);
    // The controller's lines are seen a look or more after the moment they carry: held for what 5 s of
    // wall time is in simulated time, the night is told in time order.
    timeline.inTimeOrder(Duration.ofMillis(Math.round(speed * 5_000)));
    night(world, sc, timeline, observer);
    timeline.atOnce();
    timeline.plain("");
    summary(timeline, sc, observer);
    boolean drillCompleted = false;
    if (withDrill) {
      String source = sc.faults().isEmpty() ? sc.clusters().get(0).name() : sc.faults().get(0).cluster();
      timeline.plain("");
      timeline.plain("Next, what a failover would have cost: a drill of the regional playbook on a 5% canary of " + source + ".");
      String phase = drill.run(timeline, world, NAMESPACE, source);
      drillCompleted = "Succeeded".equals(phase);
    }
    return new Result(observer.firstOutage(), observer.firstDecision(), observer.decisionsSeen(), drillCompleted);
  }

  private static void night(LivingFleet world, Scenario sc, Timeline timeline, FleetObserver observer)
      throws InterruptedException {
    FleetSimulator fleet = world.fleet();
    Instant nextFleetLine = sc.start();
    while (fleet.now().isBefore(sc.end())) {
      Instant now = world.tick();
      timeline.seedUpTo(now);
      observer.look(now);
      if (!now.isBefore(nextFleetLine)) {
        timeline.fleet(now, FleetLine.of(fleet));
        nextFleetLine = nextFleetLine.plus(Duration.ofMinutes(15));
      }
      timeline.advancedTo(now);
    }
    observer.look(fleet.now());
  }

  private static void summary(Timeline timeline, Scenario sc, FleetObserver observer) {
    var alert = sc.seed().stream().filter(e -> e.event().toLowerCase(Locale.ROOT).contains("critical alert")).findFirst();
    var onset = sc.faults().stream().map(Scenario.FaultStep::at).min(Instant::compareTo);
    if (observer.firstOutage().isPresent() && onset.isPresent()) {
      Instant detected = observer.firstOutage().get();
      String sentence = "Outage condition at " + timeline.time(detected) + ", "
          + Format.duration(Duration.between(onset.get(), detected)) + " after the onset";
      if (alert.isPresent()) {
        Duration earlier = Duration.between(detected, alert.get().at());
        sentence += earlier.isNegative()
            ? ", " + Format.duration(earlier.negated()) + " after the report's critical alert."
            : ", " + Format.duration(earlier) + " before the report's critical alert (" + timeline.time(alert.get().at()) + ").";
      }
      timeline.plain("Detection: " + sentence);
    } else {
      timeline.plain("Detection: no Outage condition was raised.");
    }
    timeline.plain("Decisions on record: " + observer.decisionsSeen()
        + observer.firstDecision().map(d -> "; the first recommended " + d + ".").orElse("."));
  }
}
