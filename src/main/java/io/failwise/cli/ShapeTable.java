package io.failwise.cli;

import io.failwise.model.detect.DetectorSettings;
import io.failwise.signals.replay.AlertRule;
import io.failwise.signals.replay.DetectionShapes;
import io.failwise.signals.replay.ShapeBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code failwise bench detection --shapes}: every method on every shape, as a table or JSON. */
final class ShapeTable {
  private ShapeTable() {}

  static void print(long seed, int weeks, OutputFormat.TextJson output, PrintWriter out) throws Exception {
    List<ShapeBenchmark.Row> rows =
        ShapeBenchmark.run(seed, weeks, DetectorSettings.defaults(), SeriesReplayReport.STALE_AFTER);
    List<String> methods = new ArrayList<>();
    methods.add(ShapeBenchmark.FAILWISE);
    ShapeBenchmark.rules().forEach(r -> methods.add(r.describe()));
    if (output == OutputFormat.TextJson.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("seed", seed);
      json.put("weeks", weeks);
      List<Map<String, Object>> methodList = new ArrayList<>();
      methodList.add(Map.of("name", ShapeBenchmark.FAILWISE, "method", "CUSUM against a robust daily baseline, maintenance windows, SignalLost"));
      for (AlertRule r : ShapeBenchmark.rules()) {
        methodList.add(Map.of("name", r.describe(), "expr", r.expr("connected"), "for", r.holdFor().toSeconds() + "s"));
      }
      json.put("methods", methodList);
      List<Map<String, Object>> shapes = new ArrayList<>();
      for (ShapeBenchmark.Row row : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shape", row.shape().id());
        m.put("description", row.shape().description());
        m.put("measure", row.shape().measure().name());
        Map<String, Object> cells = new LinkedHashMap<>();
        row.cells().forEach((k, v) -> cells.put(k, v.json()));
        m.put("methods", cells);
        shapes.add(m);
      }
      json.put("shapes", shapes);
      out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
      return;
    }
    out.printf(
        "Detection by shape of trouble: each shape put into a generated normal week of one 180,000-device cluster%n"
            + "(seed %d%s), replayed at 15 s through the production detector and the rules an SRE would write.%n%n",
        seed, weeks > 1 ? ", " + weeks + " weeks: seeds " + seed + ".." + (seed + weeks - 1) + "; median (max)" : "");
    List<String> header = new ArrayList<>(List.of("SHAPE", "MEASURE", "FAILWISE"));
    for (int i = 0; i < ShapeBenchmark.rules().size(); i++) {
      header.add("RULE " + (char) ('A' + i));
    }
    Table t = new Table(header.toArray(String[]::new));
    for (ShapeBenchmark.Row row : rows) {
      List<Object> cells = new ArrayList<>(List.of(row.shape().id(), measure(row.shape().measure())));
      for (String m : methods) {
        cells.add(row.cells().get(m).text());
      }
      t.row(cells.toArray());
    }
    t.print(out);
    out.println();
    for (int i = 0; i < ShapeBenchmark.rules().size(); i++) {
      AlertRule r = ShapeBenchmark.rules().get(i);
      out.printf("RULE %s: %s   (for: %ds)%n", (char) ('A' + i), r.expr("connected"), r.holdFor().toSeconds());
    }
    out.println();
    for (DetectionShapes.Shape s : DetectionShapes.Shape.values()) {
      out.printf("%-14s %s%n", s.id(), s.description());
    }
  }

  private static String measure(DetectionShapes.Measure m) {
    return switch (m) {
      case TIME_TO_ALERT -> "onset to alert";
      case FALSE_ALERTS -> "alerts raised";
      case TIME_TO_NOTICE -> "onset to notice";
      case VISIBLE_AFTER_6H -> "shown at +6 h";
    };
  }
}
