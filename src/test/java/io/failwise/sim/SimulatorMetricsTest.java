package io.failwise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimulatorMetricsTest {

  /** The sample value of {@code metric{cluster="..."}} in Prometheus text (label order and commas vary by client). */
  static double sample(String text, String metric, String cluster) {
    Matcher m = Pattern.compile("(?m)^" + metric + "\\{cluster=\"" + Pattern.quote(cluster) + "\",?} (\\S+)$").matcher(text);
    assertTrue(m.find(), metric + " for " + cluster + " missing from:\n" + text);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void prometheusCanScrapeEachClustersDevicesAndConnectionAttempts() {
    FleetSimulator sim =
        FleetSimulator.builder(Instant.parse("2026-03-12T19:45:00Z"))
            .behaviour(DeviceBehaviour.defaults().withoutChurn().withKeepAlive(Duration.ZERO))
            .cluster("go-eu-west-1", 1_000, 800, 100)
            .cluster("go-eu-north-1", 500, 1_000, 100)
            .build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SimulatorMetrics.bind(registry, sim);
    sim.advance(Duration.ofSeconds(30));

    String text = registry.scrape();
    assertEquals(1_000, sample(text, "failwise_sim_devices_expected", "go-eu-west-1"));
    assertEquals(800, sample(text, "failwise_sim_devices_connected", "go-eu-west-1"), "capacity 800");
    assertEquals(500, sample(text, "failwise_sim_devices_connected", "go-eu-north-1"));
    assertTrue(sample(text, "failwise_sim_connection_rejected_total", "go-eu-west-1") > 0, "the 200 beyond capacity keep being refused");
    assertEquals(0, sample(text, "failwise_sim_connection_rejected_total", "go-eu-north-1"));

    sim.hardOutage("go-eu-north-1");
    assertEquals(0, sample(registry.scrape(), "failwise_sim_devices_connected", "go-eu-north-1"), "gauges follow the fleet");
  }
}
