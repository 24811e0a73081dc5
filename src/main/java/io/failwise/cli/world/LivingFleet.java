package io.failwise.cli.world;

import io.failwise.api.Cluster;
import io.failwise.api.SignalsSpec;
import io.failwise.execution.SimulatorAction;
import io.failwise.monitoring.OwnedMeters;
import io.failwise.operator.SwitchableClock;
import io.failwise.sim.FleetSimulator;
import io.failwise.sim.SimulatedPrometheus;
import io.failwise.sim.SimulatorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The one machinery behind {@code failwise demo} and {@code failwise run --embedded}: a fleet
 * simulator whose clock the controller runs on, a simulated Prometheus that scrapes it, and the
 * simulator action attached, paced so that {@code speed} simulated seconds pass per wall second.
 */
public final class LivingFleet implements AutoCloseable {
  /** Wall time between two steps of the fleet. */
  public static final Duration TICK = Duration.ofMillis(100);

  private final FleetSimulator fleet;
  private final SimulatedPrometheus prometheus;
  private final Duration step;
  private final OwnedMeters metrics;
  private volatile boolean realTime;

  private LivingFleet(FleetSimulator fleet, SimulatedPrometheus prometheus, Duration step, OwnedMeters metrics) {
    this.fleet = fleet;
    this.prometheus = prometheus;
    this.step = step;
    this.metrics = metrics;
  }

  /**
   * While true, simulated time runs at wall speed: a person's answer (an approval) takes wall time,
   * and a 30-minute approval timeout must not pass in 30 seconds at 60x.
   */
  public void realTime(boolean on) {
    realTime = on;
  }

  /**
   * Switches the controller's clock to the fleet's (in {@code zone}), exports the fleet's metrics,
   * lets simulator actions move its devices and starts its Prometheus.
   */
  public static LivingFleet start(
      FleetSimulator fleet, double speed, ZoneId zone, SwitchableClock clock, MeterRegistry registry, SimulatorAction simulator) {
    clock.switchTo(fleet.clock().withZone(zone));
    var metrics = SimulatorMetrics.bind(registry, fleet);
    simulator.attach(fleet);
    return new LivingFleet(fleet, SimulatedPrometheus.start(fleet), step(speed), metrics);
  }

  /** Simulated seconds per wall second now: 1 while a person is waited for, else the chosen speed. */
  public double rate() {
    return realTime ? 1 : (double) step.toMillis() / TICK.toMillis();
  }

  /** Simulated time per {@link #TICK} at {@code speed} simulated seconds per wall second. */
  public static Duration step(double speed) {
    return Duration.ofMillis(Math.max(1, Math.round(TICK.toMillis() * speed)));
  }

  public FleetSimulator fleet() {
    return fleet;
  }

  public String prometheusUrl() {
    return prometheus.url();
  }

  /** Runs the fleet one step on and sleeps the rest of the tick; returns the simulated time now. */
  public Instant tick() throws InterruptedException {
    long began = System.nanoTime();
    fleet.advance(realTime ? TICK : step);
    long sleepMillis = TICK.toMillis() - (System.nanoTime() - began) / 1_000_000;
    if (sleepMillis > 0) {
      Thread.sleep(sleepMillis);
    }
    return fleet.now();
  }

  /**
   * Points the cluster's signals at this fleet's Prometheus, the way a production cluster is
   * observed through its real one.
   */
  public void observe(Cluster c) {
    SignalsSpec.PrometheusObserver o = new SignalsSpec.PrometheusObserver();
    o.name = "simulated-prometheus";
    o.url = prometheus.url();
    o.connectedQuery = SimulatedPrometheus.query("connected", c.getMetadata().getName());
    o.expectedQuery = SimulatedPrometheus.query("expected", c.getMetadata().getName());
    c.getSpec().signals = new SignalsSpec();
    c.getSpec().signals.prometheus = new ArrayList<>(List.of(o));
    c.getSpec().signals.quorum = 1;
  }

  @Override
  public void close() {
    prometheus.close();
    metrics.close();
  }
}
