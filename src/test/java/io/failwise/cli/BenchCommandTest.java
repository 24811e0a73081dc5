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
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    cmd.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr().println("failwise " + c.getCommandName() + ": " + CommandLineSetup.describe(e));
          return e instanceof UserInputException ? CommandLineSetup.BAD_INPUT : 1;
        });
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void failoverJsonHasTheFiguresTheReadmeQuotes() throws Exception {
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
    assertTrue(backoff.err().contains("--backoff must be one of azure-iot-sdk, aws-iot-sdk, ocpp-everest, ocpp-go (got 'linear')"), backoff.err());

    Run admission = bench("failover", "--admission", "-5");
    assertEquals(2, admission.exitCode());
    assertTrue(admission.err().contains("--admission must be"), admission.err());

    Run output = bench("failover", "-o", "yaml");
    assertEquals(2, output.exitCode());
    assertTrue(output.err().contains("--output must be table or json"), output.err());

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
