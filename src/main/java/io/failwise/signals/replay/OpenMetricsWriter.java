package io.failwise.signals.replay;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes fleet series as OpenMetrics text, the input of {@code promtool tsdb
 * create-blocks-from openmetrics}: one family at a time, each series in time order, timestamps in
 * seconds, and the closing {@code # EOF}.
 */
public final class OpenMetricsWriter {
  public static final String CONNECTED = "fleet_devices_connected";
  public static final String EXPECTED = "fleet_devices_expected";
  /** A counter family: samples carry the _total suffix. */
  public static final String ERRORS = "fleet_connection_errors";

  private OpenMetricsWriter() {}

  public static void write(List<FleetSeries> fleet, Writer out) throws IOException {
    out.write("# TYPE " + CONNECTED + " gauge\n# HELP " + CONNECTED + " Devices connected now.\n");
    for (FleetSeries s : fleet) {
      series(out, CONNECTED, s, s.connected());
    }
    out.write("# TYPE " + EXPECTED + " gauge\n# HELP " + EXPECTED + " Devices that normally connect.\n");
    for (FleetSeries s : fleet) {
      series(out, EXPECTED, s, s.expected());
    }
    out.write("# TYPE " + ERRORS + " counter\n# HELP " + ERRORS + " Failed connection attempts.\n");
    for (FleetSeries s : fleet) {
      series(out, ERRORS + "_total", s, s.connectionErrorsTotal());
    }
    out.write("# EOF\n");
  }

  private static void series(Writer out, String name, FleetSeries s, long[] values) throws IOException {
    String prefix = name + "{cluster=\"" + s.cluster() + "\"} ";
    StringBuilder line = new StringBuilder(64);
    for (int i = 0; i < values.length; i++) {
      line.setLength(0);
      line.append(prefix).append(values[i]).append(' ').append(s.time(i).getEpochSecond()).append('\n');
      out.write(line.toString());
    }
  }

  /** PromQL for a cluster's connected devices in data written here. */
  public static String connectedQuery(String cluster) {
    return String.format(Locale.ROOT, "sum(%s{cluster=\"%s\"})", CONNECTED, cluster);
  }

  public static String expectedQuery(String cluster) {
    return String.format(Locale.ROOT, "sum(%s{cluster=\"%s\"})", EXPECTED, cluster);
  }

  public static String errorsQuery(String cluster) {
    return String.format(Locale.ROOT, "sum(rate(%s_total{cluster=\"%s\"}[1m]))", ERRORS, cluster);
  }
}
