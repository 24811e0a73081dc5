package io.failwise.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.sim.ScenarioFile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, shortened: the 12 March night at 600x against the real controller on
 * an API server, then the drill. What a newcomer would notice is asserted: the detection beats the
 * report's alert, the policy holds the failover in reserve, and the drill completes without rollback.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(DemoIT.Fast.class)
class DemoIT {
  /** The demo's pacing for a test: the controller looks every 50 ms of wall time. */
  public static class Fast implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("failwise.poll-interval", "50ms", "failwise.runs.tick-interval", "50ms");
    }
  }

  private static final Instant REPORTED_ALERT = Instant.parse("2026-03-12T19:58:00Z");

  @Inject Demo demo;

  @Test
  void theTwelfthOfMarchIsDetectedHeldInReserveAndDrilled() throws Exception {
    StringWriter text = new StringWriter();
    Demo.Result result;
    List<LogRecord> noise = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        // Failwise's and its libraries' own warnings with a stack trace (not the JVM's: a loaded machine
        // makes Vert.x report a blocked event loop, which says nothing about the demo).
        String from = r.getLoggerName() == null ? "" : r.getLoggerName();
        boolean ours = from.startsWith("io.failwise") || from.startsWith("io.javaoperatorsdk") || from.startsWith("io.fabric8");
        if (ours && r.getLevel().intValue() >= Level.WARNING.intValue() && r.getThrown() != null) {
          noise.add(r);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      result = demo.run(ScenarioFile.march12(), 42, 600, true, new PrintWriter(text, true));
    } finally {
      root.removeHandler(capture);
    }
    String out = text.toString();
    // The demo ends quietly: the controller stops (and its signal reads with it) before the world closes.
    assertEquals(List.of(), noise.stream().map(r -> r.getLoggerName() + ": " + r.getMessage() + " " + r.getThrown()).toList());

    assertTrue(result.outageDetected().isPresent(), out);
    assertTrue(result.outageDetected().get().isBefore(REPORTED_ALERT), "detected before 20:58 CET: " + result.outageDetected());
    assertEquals("HOLD", result.firstDecision().orElse(null), out);
    assertTrue(out.contains("would disrupt 180,000 devices, more devices than the outage has"), out);
    // Each decision says where it would turn: the HOLD of 12 March, with a shorter cutover or a larger outage.
    assertTrue(out.replaceAll("\\s+", " ").contains("Turns with: FAILOVER if the median cutover were under "), out);
    assertTrue(out.contains("before the report's critical alert (20:58:00)"), out);
    assertTrue(result.drillCompleted(), "the drill ends Succeeded, without rollback:\n" + out);
    assertTrue(out.contains("# FailoverRun failwise/drill-go-eu-west-1"), "the run's report is printed");
  }
}
