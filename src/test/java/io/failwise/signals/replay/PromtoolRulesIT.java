package io.failwise.signals.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.signals.replay.DetectionShapes.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bench's Java re-implementations of the Prometheus rules (ThresholdRule, DailyBaselineRule,
 * AbsentRule) checked against Prometheus itself: Debian's {@code promtool test rules} evaluates the
 * same rules on the same series, and at every minute of the stretch that matters (and at every step
 * where Java says an alert starts or stops) the alerts firing must be the ones Java says. If they
 * disagree, the bench's table compares Failwise with rules that are not what Prometheus runs.
 */
class PromtoolRulesIT {
  private static final String METRIC = "connected{cluster=\"go-eu-west-1\"}";
  private static final int DAY_STEPS = 5760;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Shape.class)
  void promtoolFiresTheAlertsTheBenchSays(Shape shape) throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, rules(), StandardCharsets.UTF_8);
    // One promtool per seed, both at once: each is a single-threaded evaluation of two days of series.
    Map<Long, Process> running = new LinkedHashMap<>();
    Map<Long, Path> outputs = new LinkedHashMap<>();
    for (long seed : new long[] {FleetSeriesGenerator.DEFAULT_SEED, 7}) {
      DetectionShapes.Case c = DetectionShapes.generate(shape, seed);
      FleetSeries full = c.series();
      // From a day and an hour before the stretch that matters (the daily rule looks back 1d + 1h).
      int from = Math.max(0, full.indexOf(c.onset()) - DAY_STEPS - 240 - 40);
      if (shape == Shape.SHARD_GLITCHES) {
        from = full.size() - 2 * DAY_STEPS - 240;
      }
      int to = Math.min(full.size(), full.indexOf(c.until()) + 40);
      FleetSeries s = cut(full, from, to);
      int checkFrom = DAY_STEPS + 240;
      String tests = tests(s, checkFrom);
      Path test = dir.resolve("test-" + shape.id() + "-" + seed + ".yaml");
      Files.writeString(test, testFile(s, tests), StandardCharsets.UTF_8);
      Path out = dir.resolve("promtool-" + seed + ".out");
      outputs.put(seed, out);
      running.put(seed, new ProcessBuilder("promtool", "test", "rules", test.getFileName().toString())
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(out.toFile())
          .start());
    }
    try {
      for (var e : running.entrySet()) {
        Process p = e.getValue();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "promtool did not finish in 2 minutes");
        String out = Files.readString(outputs.get(e.getKey()), StandardCharsets.UTF_8);
        assertEquals(
            0, p.exitValue(),
            shape.id() + " seed " + e.getKey() + ": promtool disagrees with the bench's rules:\n"
                + out.substring(0, Math.min(out.length(), 4000)));
        assertTrue(out.contains("SUCCESS"), out);
      }
    } finally {
      running.values().forEach(Process::destroyForcibly);
    }
  }

  private static FleetSeries cut(FleetSeries s, int from, int to) {
    return new FleetSeries(
        s.cluster(), s.time(from), s.step(),
        Arrays.copyOfRange(s.connected(), from, to), Arrays.copyOfRange(s.expected(), from, to),
        Arrays.copyOfRange(s.connectionErrorsTotal(), from, to), s.onset(), List.of());
  }

  private static String rules() {
    StringBuilder b = new StringBuilder("groups:\n- name: bench\n  interval: 15s\n  rules:\n");
    for (AlertRule r : ShapeBenchmark.rules()) {
      b.append(r.ruleYaml(METRIC));
    }
    return b.toString();
  }

  /** An alert_rule_test per rule every minute from {@code checkFrom}, and at every step where Java's alert changes. */
  private static String tests(FleetSeries s, int checkFrom) {
    StringBuilder b = new StringBuilder();
    int checks = 0;
    for (AlertRule r : ShapeBenchmark.rules()) {
      boolean[] firing = r.firing(s);
      for (int i = checkFrom; i < s.size(); i++) {
        boolean edge = firing[i] != firing[i - 1] || (i + 1 < s.size() && firing[i] != firing[i + 1]);
        if (i % 4 != 0 && !edge) {
          continue;
        }
        b.append("  - eval_time: ").append((long) i * s.step().toSeconds()).append("s\n")
            .append("    alertname: ").append(r.alertName()).append('\n')
            .append("    exp_alerts:").append(firing[i] ? "\n    - exp_labels: {cluster: go-eu-west-1}\n" : " []\n");
        checks++;
      }
    }
    assertTrue(checks > 100, "only " + checks + " checks");
    return b.toString();
  }

  private static String testFile(FleetSeries s, String tests) throws IOException {
    StringBuilder values = new StringBuilder();
    long[] c = s.connected();
    for (int i = 0; i < c.length; i++) {
      if (i > 0) {
        values.append(' ');
      }
      // A series that leaves the scrape gets a staleness marker, then nothing.
      values.append(c[i] >= 0 ? Long.toString(c[i]) : i > 0 && c[i - 1] >= 0 ? "stale" : "_");
    }
    return "rule_files: [rules.yaml]\n"
        + "evaluation_interval: " + s.step().toSeconds() + "s\n"
        + "tests:\n"
        + "- interval: " + s.step().toSeconds() + "s\n"
        + "  input_series:\n"
        + "  - series: '" + METRIC + "'\n"
        + "    values: '" + values + "'\n"
        + "  alert_rule_test:\n"
        + tests;
  }
}
