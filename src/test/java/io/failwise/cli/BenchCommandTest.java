package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
  record Run(int exitCode, String out, String err) {}

  /** Runs {@code failwise bench ...} with the same exception handling as the real command line. */
  static Run bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = CommandLineSetup.withErrorHandling(new CommandLine(new BenchCommand()));
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void failoverJsonHasEveryFigureOfTheTableForASmallFleet() throws Exception {
    Run r = bench("failover", "--devices", "3000", "--admission", "50", "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(1.0, json.get("physicalLimitMinutes").asDouble(), 1e-9);
    for (String approach : new String[] {"paced", "bigBang"}) {
      for (String key : new String[] {"minutesTo99", "peakAttemptsPerSecond", "rejectedAttempts", "deviceMinutesLost"}) {
        assertTrue(json.get(approach).get(key).isNumber(), approach + "." + key + " in " + r.out());
      }
    }
    assertEquals(0, json.at("/paced/rejectedAttempts").asLong());
    assertTrue(json.at("/bigBang/rejectedAttempts").asLong() > 0);
  }

  /** The README quotes `failwise bench failover` with its defaults; the seeded run must repeat it exactly. */
  @Test
  void theReadmesFailoverTableIsWhatTheDefaultBenchMeasures() throws Exception {
    Run r = bench("failover", "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    java.util.List<String> readme = java.nio.file.Files.readAllLines(java.nio.file.Path.of("README.md"));
    java.util.Map<String, String> rows = new java.util.HashMap<>();
    for (String line : readme) {
      for (String[] row : new String[][] {{"paced waves", "paced"}, {"big bang", "bigBang"}}) {
        if (line.startsWith(row[0] + " ")) {
          rows.put(row[1], line.substring(row[0].length()).trim());
        }
      }
    }
    assertEquals(2, rows.size(), "the README's bench failover table has a paced waves and a big bang row");
    for (String approach : new String[] {"paced", "bigBang"}) {
      JsonNode m = json.get(approach);
      String measured = String.format(java.util.Locale.ROOT, "%.1f   %,d   %,d   %,d", m.get("minutesTo99").asDouble(),
          m.get("peakAttemptsPerSecond").asLong(), m.get("rejectedAttempts").asLong(), m.get("deviceMinutesLost").asLong());
      assertEquals(java.util.List.of(measured.split(" {3}")), java.util.List.of(rows.get(approach).split(" {2,}")),
          approach + ": the README says " + rows.get(approach));
    }
    String limit = String.format(java.util.Locale.ROOT, "The physical limit is %.1f minutes", json.get("physicalLimitMinutes").asDouble());
    assertTrue(readme.stream().anyMatch(l -> l.contains(limit)), "the README states: " + limit);
  }

  @Test
  void failoverTableComparesBothWaysAndSaysWhetherTheGoalIsMet() {
    Run r = bench("failover", "--devices", "3000", "--admission", "50", "--backoff", "aws-iot-sdk");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Physical limit: 1.0 min"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("paced waves ")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("big bang ")), r.out());
    assertTrue(r.out().contains("(goal: within 10%, none): met."), r.out());
    assertTrue(r.out().contains("retry like aws-iot-sdk"), r.out());
  }

  @Test
  void simReportsTheMedianOfItsRuns() throws Exception {
    Run r = bench("sim", "--devices", "20000", "--clusters", "4", "--simulated", "10m", "--runs", "3", "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(3, json.get("runs").size());
    assertTrue(json.get("medianSimulatedMinutesPerWallSecond").asDouble() > 0);
  }

  @Test
  void badOptionsExitWith2AndNameTheOption() {
    Run devices = bench("failover", "--devices", "0");
    assertEquals(2, devices.exitCode());
    assertTrue(devices.err().contains("--devices must be from 1"), devices.err());

    Run backoff = bench("failover", "--backoff", "linear");
    assertEquals(2, backoff.exitCode());
    assertTrue(backoff.err().startsWith(
        "Invalid value for option '--backoff': expected one of [azure-iot-sdk, aws-iot-sdk, ocpp-everest, ocpp-go] (case-sensitive) but was 'linear'"),
        backoff.err());

    Run admission = bench("failover", "--admission", "-5");
    assertEquals(2, admission.exitCode());
    assertTrue(admission.err().contains("--admission must be"), admission.err());

    Run output = bench("failover", "-o", "yaml");
    assertEquals(2, output.exitCode());
    assertTrue(output.err().startsWith("Invalid value for option '--output': expected one of [text, json] (case-sensitive) but was 'yaml'"),
        output.err());

    Run simulated = bench("sim", "--simulated", "forever");
    assertEquals(2, simulated.exitCode());
    assertTrue(simulated.err().contains("--simulated: 'forever' is not a duration"), simulated.err());

    Run clusters = bench("sim", "--clusters", "1");
    assertEquals(2, clusters.exitCode());
    assertTrue(clusters.err().contains("clusters must be from 2"), clusters.err());

    Run none = bench();
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("name a benchmark: failover, sim"), none.err());
  }
}
