package io.failwise.console;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A decision chart read back as XML: what a reader of the SVG would see drawn, in data units. */
public final class SvgChart {
  private final Element root;

  private SvgChart(Element root) {
    this.root = root;
  }

  /** Parses {@code svg}; fails the test when it is not well-formed XML. */
  public static SvgChart parse(String svg) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      return new SvgChart(doc.getDocumentElement());
    } catch (Exception e) {
      throw new AssertionError("not well-formed SVG: " + e.getMessage() + "\n" + svg, e);
    }
  }

  /** The pixel x of the drawn line of class {@code cls} (a vertical mark), or NaN if absent. */
  public double markX(String cls) {
    Element g = group(cls);
    if (g == null) {
      return Double.NaN;
    }
    Element line = (Element) g.getElementsByTagNameNS("*", "line").item(0);
    return Double.parseDouble(line.getAttribute("x1"));
  }

  /** The value of a mark's data-minutes, or NaN if absent. */
  public double markMinutes(String cls) {
    Element g = group(cls);
    return g == null ? Double.NaN : Double.parseDouble(g.getAttribute("data-minutes"));
  }

  /** Minutes of remaining outage at pixel x, by the scale the root declares. */
  public double minutesAt(double x) {
    return (x - Double.parseDouble(root.getAttribute("data-x0"))) / Double.parseDouble(root.getAttribute("data-px-per-minute"));
  }

  /**
   * The pixel x where the drawn curves of two options first cross, NaN if they do not: each is a line
   * or a polyline, linear between its points, compared at every point of both.
   */
  public double crossingX(String a, String b) {
    List<double[]> p = curve(a);
    List<double[]> q = curve(b);
    List<Double> xs = new ArrayList<>();
    p.forEach(pt -> xs.add(pt[0]));
    q.forEach(pt -> xs.add(pt[0]));
    xs.sort(Double::compare);
    Double previous = null;
    double before = Double.NaN;
    for (double x : xs) {
      double gap = y(p, x) - y(q, x);
      if (previous != null && Math.signum(gap) != Math.signum(before) && gap != before) {
        return previous + (x - previous) * before / (before - gap);
      }
      previous = x;
      before = gap;
    }
    return Double.NaN;
  }

  /** The pixel y of an option's drawn curve at pixel x. */
  public double yAt(String option, double x) {
    return y(curve(option), x);
  }

  /** Whether the option is drawn through points (a polyline), not as one straight line. */
  public boolean bends(String option) {
    return curve(option).size() > 2;
  }

  /** Options drawn as curves (lines or polylines). */
  public List<String> options() {
    List<String> out = new ArrayList<>();
    for (String tag : List.of("line", "polyline")) {
      NodeList lines = root.getElementsByTagNameNS("*", tag);
      for (int i = 0; i < lines.getLength(); i++) {
        Element e = (Element) lines.item(i);
        if ("curve".equals(e.getAttribute("class"))) {
          out.add(e.getAttribute("data-option"));
        }
      }
    }
    return out;
  }

  /** The pixel x of the chart's right edge: where every curve ends. */
  public double rightX() {
    List<double[]> any = curve(options().get(0));
    return any.get(any.size() - 1)[0];
  }

  /** Every text node, joined: titles, labels and the legend. */
  public String text() {
    return root.getTextContent();
  }

  public String attribute(String name) {
    return root.getAttribute(name);
  }

  /** The points of an option's drawn curve, left to right. */
  private List<double[]> curve(String option) {
    NodeList lines = root.getElementsByTagNameNS("*", "line");
    for (int i = 0; i < lines.getLength(); i++) {
      Element e = (Element) lines.item(i);
      if ("curve".equals(e.getAttribute("class")) && option.equals(e.getAttribute("data-option"))) {
        return List.of(new double[] {d(e, "x1"), d(e, "y1")}, new double[] {d(e, "x2"), d(e, "y2")});
      }
    }
    NodeList polylines = root.getElementsByTagNameNS("*", "polyline");
    for (int i = 0; i < polylines.getLength(); i++) {
      Element e = (Element) polylines.item(i);
      if ("curve".equals(e.getAttribute("class")) && option.equals(e.getAttribute("data-option"))) {
        List<double[]> points = new ArrayList<>();
        for (String pair : e.getAttribute("points").trim().split("\\s+")) {
          String[] xy = pair.split(",");
          points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return points;
      }
    }
    throw new AssertionError("no curve drawn for " + option);
  }

  /** A curve's y at x, linear between its points (x within its extent). */
  private static double y(List<double[]> points, double x) {
    for (int i = 1; i < points.size(); i++) {
      double[] a = points.get(i - 1);
      double[] b = points.get(i);
      if (x <= b[0] || i == points.size() - 1) {
        return b[0] == a[0] ? b[1] : a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]);
      }
    }
    return points.get(0)[1];
  }

  private static double d(Element e, String a) {
    return Double.parseDouble(e.getAttribute(a));
  }

  private Element group(String cls) {
    NodeList gs = root.getElementsByTagNameNS("*", "g");
    for (int i = 0; i < gs.getLength(); i++) {
      Element e = (Element) gs.item(i);
      if (cls.equals(e.getAttribute("class"))) {
        return e;
      }
    }
    return null;
  }
}
