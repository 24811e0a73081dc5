package io.failwise.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** manifests/monitoring read back: the rule groups, and every PromQL expression of the rules and the dashboard. */
public final class MonitoringKit {
  public static final Path DIR = Path.of("manifests/monitoring");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FAILWISE_METRIC = Pattern.compile("\\bfailwise_[a-z0-9_]+");

  private MonitoringKit() {}

  public static JsonNode rule() throws IOException {
    return YAML.readTree(DIR.resolve("prometheusrule.yaml").toFile());
  }

  /** The PrometheusRule's spec.groups as a Prometheus rule file, for promtool. */
  public static Path writeRuleFile(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    YAML.writeValue(file.toFile(), YAML.createObjectNode().set("groups", rule().path("spec").path("groups")));
    return file;
  }

  public static List<String> expressions() throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode g : rule().path("spec").path("groups")) {
      for (JsonNode r : g.path("rules")) {
        out.add(r.path("expr").asText());
      }
    }
    for (JsonNode p : JSON.readTree(DIR.resolve("grafana-dashboard.json").toFile()).path("panels")) {
      for (JsonNode t : p.path("targets")) {
        out.add(t.path("expr").asText());
      }
    }
    return out;
  }

  /** The expression of the dashboard panel titled {@code title}. */
  public static String panel(String title) throws IOException {
    for (JsonNode p : JSON.readTree(DIR.resolve("grafana-dashboard.json").toFile()).path("panels")) {
      if (title.equals(p.path("title").asText())) {
        return p.path("targets").path(0).path("expr").asText();
      }
    }
    throw new AssertionError("no dashboard panel " + title);
  }

  public static JsonNode serviceMonitor() throws IOException {
    return YAML.readTree(DIR.resolve("servicemonitor.yaml").toFile());
  }

  /** Every failwise_* metric name the expressions use. */
  public static Set<String> failwiseMetrics() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String e : expressions()) {
      Matcher m = FAILWISE_METRIC.matcher(e);
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }
}
