package io.failwise.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the decision chart as a standalone SVG: expected device-minutes lost by each option against how
 * much longer the outage lasts, with the break-even and the prior's median and p90 marked. The console
 * and {@code failwise estimate --chart} both use it, so the page and the file cannot disagree. Pure: no
 * I/O, no fonts measured, the same input gives the same bytes.
 *
 * <p>The root element carries {@code data-x0} and {@code data-px-per-minute} (the x scale), and each
 * mark its value in minutes ({@code data-minutes}), so a test or a script can check what is drawn.
 */
public final class DecisionChartSvg {
  /** Longest extra outage drawn (3 days): a break-even beyond it is named, not drawn. */
  static final double HORIZON_MINUTES = 3 * 24 * 60;

  static final int WIDTH = 760;
  /** Segments of a curve that is not a straight line. */
  private static final int PATH_POINTS = 160;
  static final int HEIGHT = 448;
  private static final int LEFT = 84;
  private static final int RIGHT = 44;
  private static final int TOP = 64;
  private static final int BOTTOM = 108;

  private DecisionChartSvg() {}

  /** The x axis's extent in minutes: the prior's p90 and the break-even, with room to spare. */
  static double xMaxMinutes(DecisionCurves c) {
    double reach = Math.max(60, c.p90Minutes());
    if (c.breakEvenMinutes() != null && c.breakEvenMinutes() <= HORIZON_MINUTES) {
      reach = Math.max(reach, c.breakEvenMinutes());
    }
    return niceCeil(Math.min(reach * 1.2, HORIZON_MINUTES * 1.2), minuteSteps());
  }

  /** The chart for {@code c}, titled with the cluster's name. */
  public static String render(String cluster, DecisionCurves c) {
    double xMax = xMaxMinutes(c);
    double yMax = 1;
    for (DecisionCurves.Curve curve : c.curves()) {
      if (curve.feasible()) {
        yMax = Math.max(yMax, Math.max(curve.at(0), curve.at(xMax)));
        for (int i = 1; curve.shape() != null && i < PATH_POINTS; i++) {
          yMax = Math.max(yMax, curve.at(xMax * i / PATH_POINTS));
        }
      }
    }
    double yStep = niceStep(yMax / 5);
    yMax = Math.ceil(yMax / yStep) * yStep;
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    double pxPerMinute = plotW / xMax;
    double finalYMax = yMax;
    Scale sx = m -> LEFT + m * pxPerMinute;
    Scale sy = v -> TOP + plotH - v / finalYMax * plotH;

    StringBuilder s = new StringBuilder(8_192);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"decision-chart\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
        .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"12\" data-x0=\"").append(num(LEFT))
        .append("\" data-px-per-minute=\"").append(String.format(Locale.ROOT, "%.6f", pxPerMinute)).append("\" data-recommendation=\"")
        .append(esc(c.recommendation())).append("\" role=\"img\">\n");
    String title = cluster + ": " + c.recommendation() + (c.target() == null ? "" : " to " + c.target());
    s.append("<title>").append(esc(title)).append("</title>\n");
    s.append("<desc>").append(esc(c.explanation())).append("</desc>\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    text(s, LEFT, 22, "start", "font-size=\"16\" font-weight=\"bold\"", title);
    text(s, LEFT, 42, "start", "fill=\"#444\"", subtitle(c));

    // Grid and axes.
    double xStep = niceStepMinutes(xMax / 6);
    for (double m = 0; m <= xMax + 1e-9; m += xStep) {
      line(s, sx.at(m), TOP, sx.at(m), TOP + plotH, "#eee", "");
      text(s, sx.at(m), TOP + plotH + 16, "middle", "fill=\"#333\"", hoursMinutes(m));
    }
    for (double v = 0; v <= yMax + 1e-9; v += yStep) {
      line(s, LEFT, sy.at(v), LEFT + plotW, sy.at(v), "#eee", "");
      text(s, LEFT - 6, sy.at(v) + 4, "end", "fill=\"#333\"", compact(v));
    }
    line(s, LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333", "");
    line(s, LEFT, TOP, LEFT, TOP + plotH, "#333", "");
    text(s, LEFT + plotW / 2, TOP + plotH + 36, "middle", "fill=\"#333\"", "how much longer the outage lasts");
    s.append("<text x=\"16\" y=\"").append(num(TOP + plotH / 2)).append("\" text-anchor=\"middle\" fill=\"#333\" transform=\"rotate(-90 16 ")
        .append(num(TOP + plotH / 2)).append(")\">expected device-minutes lost</text>\n");

    // The prior's median and p90 of the remaining outage.
    // Their labels on two heights: close together on a long axis, on one line they would overprint each other.
    mark(s, "prior-median", c.medianMinutes(), xMax, sx, plotH, "#888", "4 3", "median " + hoursMinutes(c.medianMinutes()), 6);
    mark(s, "prior-p90", c.p90Minutes(), xMax, sx, plotH, "#888", "1 3", "p90 " + hoursMinutes(c.p90Minutes()), 20);

    // The options.
    List<String> legend = new ArrayList<>();
    for (DecisionCurves.Curve curve : c.curves()) {
      if (!curve.feasible()) {
        legend.add(curve.option() + ": not possible" + (curve.reason().isEmpty() ? "" : " (" + curve.reason() + ")"));
        continue;
      }
      boolean chosen = curve.option().equals(c.recommendation());
      if (curve.shape() != null) {
        // The count moves: HOLD's loss bends with it, drawn through points.
        s.append("<polyline class=\"curve\" data-option=\"").append(curve.option()).append("\" fill=\"none\" points=\"");
        for (int i = 0; i <= PATH_POINTS; i++) {
          double m = xMax * i / PATH_POINTS;
          s.append(i == 0 ? "" : " ").append(num(sx.at(m))).append(',').append(num(sy.at(curve.at(m))));
        }
        s.append("\" stroke=\"").append(color(curve.option())).append("\" stroke-width=\"").append(chosen ? 3.5 : 2).append("\"/>\n");
        legend.add(curve.option() + (curve.target() == null ? "" : " to " + curve.target()) + (chosen ? " (recommended)" : ""));
        continue;
      }
      s.append("<line class=\"curve\" data-option=\"").append(curve.option()).append("\" data-fixed=\"")
          .append(num(curve.fixedDeviceMinutes())).append("\" data-per-minute=\"").append(num(curve.perOutageMinute()))
          .append("\" x1=\"").append(num(sx.at(0))).append("\" y1=\"").append(num(sy.at(curve.at(0))))
          .append("\" x2=\"").append(num(sx.at(xMax))).append("\" y2=\"").append(num(sy.at(curve.at(xMax))))
          .append("\" stroke=\"").append(color(curve.option())).append("\" stroke-width=\"").append(chosen ? 3.5 : 2)
          .append("\"/>\n");
      legend.add(curve.option() + (curve.target() == null ? "" : " to " + curve.target()) + (chosen ? " (recommended)" : ""));
    }

    // The break-even: where the first failover option's line crosses HOLD's.
    Double be = c.breakEvenMinutes();
    if (be != null && be <= xMax) {
      DecisionCurves.Curve hold = c.curves().stream().filter(k -> k.option().equals("HOLD")).findFirst().orElse(null);
      double x = sx.at(be);
      s.append("<g class=\"break-even\" data-minutes=\"").append(num(be)).append("\" data-option=\"")
          .append(esc(c.breakEvenOption())).append("\">\n");
      line(s, x, TOP, x, TOP + plotH, "#000", "stroke-dasharray=\"6 4\" stroke-width=\"1.5\"");
      if (hold != null && hold.feasible()) {
        s.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(sy.at(hold.at(be))))
            .append("\" r=\"5\" fill=\"#000\"/>\n");
      }
      text(s, x + (x > LEFT + plotW * 0.7 ? -6 : 6), TOP + 14, x > LEFT + plotW * 0.7 ? "end" : "start",
          "font-weight=\"bold\"", "break-even +" + hoursMinutes(be));
      s.append("</g>\n");
    }

    int y = TOP + (int) plotH + 56;
    int x = LEFT;
    for (int i = 0; i < legend.size(); i++) {
      String option = c.curves().get(Math.min(i, c.curves().size() - 1)).option();
      s.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"12\" height=\"4\" fill=\"")
          .append(color(option)).append("\"/>\n");
      text(s, x + 16, y - 4, "start", "fill=\"#333\" class=\"legend\"", legend.get(i));
      y += 15;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static String subtitle(DecisionCurves c) {
    String when = "outage " + hoursMinutes(c.elapsedMinutes()) + " old";
    if (c.breakEvenMinutes() == null) {
      return when + "; no failover option pays off, however long the outage lasts";
    }
    return when + "; " + c.breakEvenOption() + " pays off if it lasts another " + hoursMinutes(c.breakEvenMinutes())
        + String.format(Locale.ROOT, " (probability %.2f)", c.breakEvenProbability());
  }

  private static void mark(
      StringBuilder s, String cls, double minutes, double xMax, Scale sx, double plotH, String stroke, String dash, String label, double above) {
    if (!(minutes >= 0) || minutes > xMax) {
      return;
    }
    double x = sx.at(minutes);
    s.append("<g class=\"").append(cls).append("\" data-minutes=\"").append(num(minutes)).append("\">\n");
    line(s, x, TOP, x, TOP + plotH, stroke, "stroke-dasharray=\"" + dash + "\"");
    text(s, x + 4, TOP + plotH - above, "start", "fill=\"#666\"", label);
    s.append("</g>\n");
  }

  private static String color(String option) {
    return switch (option) {
      case "HOLD" -> "#d35400";
      case "FAILOVER" -> "#1f5fbf";
      default -> "#1e8449";
    };
  }

  private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String stroke, String extra) {
    s.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
        .append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(stroke).append('"');
    if (!extra.isEmpty()) {
      s.append(' ').append(extra);
    }
    s.append("/>\n");
  }

  private static void text(StringBuilder s, double x, double y, String anchor, String attrs, String content) {
    s.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"").append(anchor)
        .append("\" ").append(attrs).append('>').append(esc(content)).append("</text>\n");
  }

  /** "0", "45 min", "2 h", "5 h 10 min". */
  static String hoursMinutes(double minutes) {
    long m = Math.round(minutes);
    if (m == 0) {
      return "0";
    }
    if (m < 60) {
      return m + " min";
    }
    return m % 60 == 0 ? (m / 60) + " h" : (m / 60) + " h " + (m % 60) + " min";
  }

  /** 1.2M, 350k, 900. */
  static String compact(double v) {
    if (v >= 1e9) {
      return trim(v / 1e9) + "G";
    }
    if (v >= 1e6) {
      return trim(v / 1e6) + "M";
    }
    if (v >= 1e3) {
      return trim(v / 1e3) + "k";
    }
    return trim(v);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static double[] minuteSteps() {
    return new double[] {10, 15, 20, 30, 60, 90, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 5760};
  }

  private static double niceStepMinutes(double raw) {
    for (double step : minuteSteps()) {
      if (step >= raw) {
        return step;
      }
    }
    return 1440 * Math.ceil(raw / 1440);
  }

  private static double niceCeil(double v, double[] steps) {
    double step = niceStepMinutes(v / 6);
    return Math.ceil(v / step) * step;
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double f : new double[] {1, 2, 5, 10}) {
      if (f * p >= raw) {
        return f * p;
      }
    }
    return 10 * p;
  }

  static String num(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  @FunctionalInterface
  private interface Scale {
    double at(double v);
  }
}
