package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * `failwise run --embedded` says where its console and metrics are, on the port actually bound
 * (QUARKUS_HTTP_PORT changes it; 0 picks a free one, and the banner then names that one).
 */
class RunCommandConsoleLineTest {
  @Test
  void theBannerNamesTheConsoleAndTheMetricsOnThePortServed() {
    assertEquals("Console: http://localhost:8080/console/  Metrics: http://localhost:8080/q/metrics", RunCommand.consoleLine(8080));
    assertEquals("Console: http://localhost:41471/console/  Metrics: http://localhost:41471/q/metrics", RunCommand.consoleLine(41471));
  }
}
