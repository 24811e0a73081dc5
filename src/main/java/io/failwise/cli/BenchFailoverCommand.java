package io.failwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.failwise.model.Format;
import io.failwise.sim.BackoffPolicy;
import io.failwise.sim.FailoverBenchmark;
import io.failwise.sim.FailoverBenchmark.Outcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failwise bench failover}: paced waves against a reconnect storm, in the fleet simulator. */
@Command(
    name = "failover",
    mixinStandardHelpOptions = true,
    description = {
      "Fail a cluster over twice in the fleet simulator: paced waves against a reconnect storm.",
      "The source is down throughout. Paced waves go at the target's admission rate; the big bang lets every "
      + "device reconnect to the target on its own backoff."
    })
public class BenchFailoverCommand implements Callable<Integer> {
  /** Paced waves must finish within this share of the physical limit. */
  static final double PACED_GOAL_RATIO = 1.10;

  @Option(names = "--devices", defaultValue = "200000", description = "Devices on the failed cluster (default: ${DEFAULT-VALUE}).")
  long devices;

  @Option(
      names = "--admission",
      defaultValue = "1000",
      paramLabel = "DEVICES_PER_SECOND",
      description = "New connections per second the target admits (default: ${DEFAULT-VALUE}).")
  double admissionDevicesPerSecond;

  @Option(
      names = "--backoff",
      defaultValue = "azure-iot-sdk",
      converter = BackoffPresets.class,
      completionCandidates = BackoffPresets.class,
      description = "How devices retry: azure-iot-sdk, aws-iot-sdk, ocpp-everest or ocpp-go (default: ${DEFAULT-VALUE}).")
  BackoffPolicy backoff;

  /**
   * The words --backoff takes: the simulator's presets, by name as typed. Like an enum option's, a word
   * that is not one of them is refused while parsing, with the option and the words in the message.
   */
  static final class BackoffPresets implements Iterable<String>, CommandLine.ITypeConverter<BackoffPolicy> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }

    @Override
    public BackoffPolicy convert(String value) {
      return BackoffPolicy.presets().stream()
          .filter(p -> p.name().equals(value))
          .findFirst()
          .orElseThrow(() -> new CommandLine.TypeConversionException("expected one of " + names() + " (case-sensitive) but was '" + value + "'"));
    }

    private static List<String> names() {
      return BackoffPolicy.presets().stream().map(BackoffPolicy::name).toList();
    }
  }

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json, as every bench command (default: ${DEFAULT-VALUE}).")
  OutputFormat.TextJson output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    if (devices < 1 || devices > 20_000_000) {
      throw new UserInputException("--devices must be from 1 to 20,000,000 (got " + devices + ")");
    }
    if (!(admissionDevicesPerSecond > 0) || Double.isInfinite(admissionDevicesPerSecond)) {
      throw new UserInputException("--admission must be a number of devices per second above 0 (got " + admissionDevicesPerSecond + ")");
    }
    FailoverBenchmark.Result result =
        FailoverBenchmark.run(new FailoverBenchmark.Config(devices, admissionDevicesPerSecond, backoff, seed, Duration.ofHours(6)));
    PrintWriter out = spec.commandLine().getOut();
    out.print(output == OutputFormat.TextJson.json ? json(result) : table(result));
    out.flush();
    return 0;
  }

  static String json(FailoverBenchmark.Result r) throws JsonProcessingException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("devices", r.config().devices());
    m.put("admissionDevicesPerSecond", r.config().admissionDevicesPerSecond());
    m.put("backoff", r.config().backoff().name());
    m.put("seed", r.config().seed());
    m.put("physicalLimitMinutes", round(r.physicalLimitMinutes()));
    m.put("paced", outcome(r.paced()));
    m.put("bigBang", outcome(r.bigBang()));
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + System.lineSeparator();
  }

  private static Map<String, Object> outcome(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("minutesTo99", o.minutesTo99() == null ? null : round(o.minutesTo99()));
    m.put("minutesToAll", o.minutesToAll() == null ? null : round(o.minutesToAll()));
    m.put("peakAttemptsPerSecond", o.peakAttemptsPerSecond());
    m.put("rejectedAttempts", o.rejectedAttempts());
    m.put("deviceMinutesLost", Math.round(o.deviceMinutesLost()));
    return m;
  }

  static String table(FailoverBenchmark.Result r) {
    FailoverBenchmark.Config c = r.config();
    java.io.StringWriter text = new java.io.StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.printf(
        "Failover of %s devices to a target that admits %s devices/s; the source is down, devices retry like %s.%n",
        Format.count(c.devices()), number(c.admissionDevicesPerSecond()), c.backoff().name());
    out.printf("Physical limit: %s min (devices / admission rate).%n%n", minutes(r.physicalLimitMinutes()));
    new Table("APPROACH", "MINUTES TO 99%", "PEAK ATTEMPTS/S", "REJECTED ATTEMPTS", "DEVICE-MINUTES LOST")
        .row(rowOf("paced waves", r.paced()))
        .row(rowOf("big bang", r.bigBang()))
        .print(out);
    out.println();
    Outcome p = r.paced();
    Outcome b = r.bigBang();
    if (p.minutesTo99() != null) {
      double ratio = p.minutesTo99() / r.physicalLimitMinutes();
      boolean met = ratio <= PACED_GOAL_RATIO && p.rejectedAttempts() == 0;
      out.printf(
          Locale.ROOT,
          "Paced waves: 99%% back in %.2fx the physical limit, %s rejected attempts (goal: within 10%%, none): %s.%n",
          ratio,
          Format.count(p.rejectedAttempts()),
          met ? "met" : "MISSED");
    }
    if (p.minutesTo99() != null && b.minutesTo99() != null) {
      out.printf(
          Locale.ROOT,
          "Big bang: %.1fx as long to 99%%, %.0fx the peak load, %.1fx the device-minutes lost.%n",
          b.minutesTo99() / p.minutesTo99(),
          (double) b.peakAttemptsPerSecond() / Math.max(1, p.peakAttemptsPerSecond()),
          b.deviceMinutesLost() / Math.max(1e-9, p.deviceMinutesLost()));
    }
    out.flush();
    return text.toString();
  }

  private static Object[] rowOf(String name, Outcome o) {
    return new Object[] {
      name,
      o.minutesTo99() == null ? "not within 6 h" : minutes(o.minutesTo99()),
      Format.count(o.peakAttemptsPerSecond()),
      Format.count(o.rejectedAttempts()),
      Format.count(Math.round(o.deviceMinutesLost()))
    };
  }

  private static String minutes(double m) {
    return String.format(Locale.ROOT, "%.1f", m);
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Format.count((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
