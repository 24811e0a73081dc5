package io.failwise.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link Scenario} (a night for the fleet simulator) from YAML (see playbooks/nights). Every mistake is reported as one
 * {@link InvalidScenarioException} naming the file, the field and what would be valid.
 */
public final class ScenarioFile {
  /** The 12 March 2026 incident, shipped in the jar. */
  public static final String MARCH_12 = "2026-03-12";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String RESOURCE_DIR = "failwise/nights/";

  private final String file;

  private ScenarioFile(String file) {
    this.file = file;
  }

  /** The scenarios shipped in the jar, by name. */
  public static List<String> builtInNames() {
    return List.of(MARCH_12, "hard-outage", "capacity-reduction");
  }

  /** A scenario shipped in the jar (a copy of playbooks/nights/NAME.yaml). */
  public static Scenario builtIn(String name) {
    try (InputStream in = ScenarioFile.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
      if (in == null) {
        throw new InvalidScenarioException("no built-in scenario named '" + name + "' (built in: " + String.join(", ", builtInNames()) + ")");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 12 March 2026 incident replay. */
  public static Scenario march12() {
    return builtIn(MARCH_12);
  }

  public static Scenario read(Path path) {
    try {
      return parse(Files.readString(path), path.toString());
    } catch (NoSuchFileException e) {
      throw new InvalidScenarioException(path + ": no such file");
    } catch (IOException e) {
      throw new InvalidScenarioException(path + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Parses YAML text; {@code file} only names it in messages. */
  public static Scenario parse(String yaml, String file) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      int[] at = io.failwise.api.validation.YamlMark.of(e, yaml).orElse(null);
      throw new InvalidScenarioException(file + ": not valid YAML" + (at == null ? "" : " at line " + at[0] + ", column " + at[1]) + ": "
          + io.failwise.api.validation.YamlMark.message(e));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidScenarioException(file + ": expected a YAML mapping with name, start, end, clusters and faults");
    }
    return new ScenarioFile(file).scenario(root);
  }

  private Scenario scenario(JsonNode root) {
    known(root, "", "name", "description", "zone", "start", "end", "clusters", "faults", "seed", "assumptions");
    String name = text(root, "name", "name");
    ZoneId zone = root.has("zone") ? zone(root.get("zone")) : ZoneOffset.UTC;
    Instant start = instant(root, "start");
    Instant end = instant(root, "end");
    if (!end.isAfter(start)) {
      throw fail("end", "must be after start (" + start + ")");
    }
    List<ClusterSetup> clusters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonNode cs = list(root, "clusters", true);
    for (int i = 0; i < cs.size(); i++) {
      ClusterSetup c = cluster(cs.get(i), "clusters[" + i + "]");
      if (!names.add(c.name())) {
        throw fail("clusters[" + i + "].name", "'" + c.name() + "' is listed twice");
      }
      clusters.add(c);
    }
    List<Scenario.FaultStep> faults = new ArrayList<>();
    JsonNode fs = list(root, "faults", false);
    for (int i = 0; fs != null && i < fs.size(); i++) {
      faults.add(fault(fs.get(i), "faults[" + i + "]", names, start, end));
    }
    List<Scenario.SeedEvent> seed = new ArrayList<>();
    JsonNode ss = list(root, "seed", false);
    for (int i = 0; ss != null && i < ss.size(); i++) {
      JsonNode s = ss.get(i);
      String at = "seed[" + i + "]";
      known(s, at + ".", "at", "event");
      seed.add(new Scenario.SeedEvent(instant(s, at + ".at", "at"), text(s, at + ".event", "event")));
    }
    List<String> assumptions = new ArrayList<>();
    JsonNode as = list(root, "assumptions", false);
    for (int i = 0; as != null && i < as.size(); i++) {
      assumptions.add(as.get(i).asText());
    }
    return new Scenario(name, root.path("description").asText(""), zone, start, end, clusters, faults, seed, assumptions);
  }

  private ClusterSetup cluster(JsonNode c, String at) {
    if (!c.isObject()) {
      throw fail(at, "expected a mapping with name, devices, capacityDevices, admissionDevicesPerSecond");
    }
    known(c, at + ".", "name", "devices", "capacityDevices", "admissionDevicesPerSecond");
    String name = text(c, at + ".name", "name");
    long devices = number(c, at, "devices", 0, 100_000_000).longValue();
    long capacity = number(c, at, "capacityDevices", 0, 100_000_000).longValue();
    double admission = number(c, at, "admissionDevicesPerSecond", 0.001, 10_000_000).doubleValue();
    return new ClusterSetup(name, devices, capacity, admission);
  }

  private Scenario.FaultStep fault(JsonNode f, String at, Set<String> clusters, Instant start, Instant end) {
    if (!f.isObject()) {
      throw fail(at, "expected a mapping with at, cluster and one of intermittent, hardOutage, reduceCapacity, recover");
    }
    known(f, at + ".", "at", "cluster", "intermittent", "hardOutage", "reduceCapacity", "recover");
    Instant when = instant(f, at + ".at", "at");
    if (when.isBefore(start) || when.isAfter(end)) {
      throw fail(at + ".at", "must be between start and end (" + start + " .. " + end + "), got " + when);
    }
    String cluster = text(f, at + ".cluster", "cluster");
    if (!clusters.contains(cluster)) {
      throw fail(at + ".cluster", "'" + cluster + "' is not one of the scenario's clusters (" + String.join(", ", clusters) + ")");
    }
    List<String> kinds = new ArrayList<>();
    for (String k : List.of("intermittent", "hardOutage", "reduceCapacity", "recover")) {
      if (f.has(k)) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      throw fail(at, "name exactly one of intermittent, hardOutage, reduceCapacity, recover (got " + (kinds.isEmpty() ? "none" : String.join(", ", kinds)) + ")");
    }
    JsonNode body = f.get(kinds.get(0));
    String p = at + "." + kinds.get(0);
    Scenario.Fault fault =
        switch (kinds.get(0)) {
          case "intermittent" -> {
            known(body, p + ".", "offlineFraction", "rampMinutes", "meanSessionMinutes");
            double fraction = number(body, p, "offlineFraction", 0, 1).doubleValue();
            Duration ramp = minutes(body, p, "rampMinutes", 0, Duration.ZERO);
            Duration session = minutes(body, p, "meanSessionMinutes", 0.1, FleetSimulator.DEFAULT_INTERMITTENT_SESSION);
            yield new Scenario.Intermittent(fraction, ramp, session);
          }
          case "hardOutage" -> {
            known(body, p + ".");
            yield new Scenario.HardOutage();
          }
          case "reduceCapacity" -> {
            known(body, p + ".", "devices");
            yield new Scenario.CapacityReduction(number(body, p, "devices", 0, 100_000_000).longValue());
          }
          default -> {
            known(body, p + ".");
            yield new Scenario.Recover();
          }
        };
    return new Scenario.FaultStep(when, cluster, fault);
  }

  // ---------------------------------------------------------------------------------------------

  private void known(JsonNode node, String prefix, String... fields) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      throw fail(prefix.isEmpty() ? "(top)" : prefix.substring(0, prefix.length() - 1), "expected a mapping");
    }
    Set<String> allowed = Set.of(fields);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw fail(prefix + f, "unknown field" + (fields.length == 0 ? " (this one takes no fields: use {})" : " (known: " + String.join(", ", fields) + ")"));
      }
    }
  }

  private String text(JsonNode node, String path, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw fail(path, "is required (a non-empty string)");
    }
    return v.asText();
  }

  private JsonNode list(JsonNode root, String field, boolean required) {
    JsonNode v = root.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw fail(field, "is required (a list)");
      }
      return null;
    }
    if (!v.isArray() || (required && v.isEmpty())) {
      throw fail(field, required ? "must be a non-empty list" : "must be a list");
    }
    return v;
  }

  private Number number(JsonNode node, String at, String field, double min, double max) {
    JsonNode v = node.get(field);
    String path = at + "." + field;
    if (v == null || v.isNull()) {
      throw fail(path, "is required (a number from " + fmt(min) + " to " + fmt(max) + ")");
    }
    if (!v.isNumber()) {
      throw fail(path, "must be a number from " + fmt(min) + " to " + fmt(max) + ", got '" + v.asText() + "'");
    }
    double d = v.doubleValue();
    if (d < min || d > max) {
      throw fail(path, "must be from " + fmt(min) + " to " + fmt(max) + ", got " + v.asText());
    }
    return v.numberValue();
  }

  private Duration minutes(JsonNode node, String at, String field, double min, Duration absent) {
    if (!node.has(field)) {
      return absent;
    }
    double m = number(node, at, field, min, 7 * 24 * 60).doubleValue();
    return Duration.ofMillis(Math.round(m * 60_000));
  }

  private Instant instant(JsonNode node, String field) {
    return instant(node, field, field);
  }

  private Instant instant(JsonNode node, String path, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw fail(path, "is required (an RFC 3339 time such as 2026-03-12T20:45:00+01:00)");
    }
    try {
      return OffsetDateTime.parse(v.asText()).toInstant();
    } catch (DateTimeException e) {
      throw fail(path, "must be an RFC 3339 time such as 2026-03-12T20:45:00+01:00, got '" + v.asText() + "'");
    }
  }

  private ZoneId zone(JsonNode v) {
    try {
      return ZoneId.of(v.asText());
    } catch (DateTimeException e) {
      throw fail("zone", "must be a time zone such as CET, Europe/Oslo or +01:00, got '" + v.asText() + "'");
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.format(java.util.Locale.ROOT, "%,d", (long) d) : Double.toString(d);
  }

  private InvalidScenarioException fail(String field, String problem) {
    return new InvalidScenarioException(file + ": " + field + ": " + problem);
  }

  /** A scenario file a person must fix; the message names the file and the field. */
  public static final class InvalidScenarioException extends RuntimeException {
    public InvalidScenarioException(String message) {
      super(message);
    }
  }
}
