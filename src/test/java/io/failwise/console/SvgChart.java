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

  /** The pixel x where the drawn lines of two options cross (from their end points only). */
  public double crossingX(String a, String b) {
    double[] p = curve(a);
    double[] q = curve(b);
    // Lines through (x1,y1)-(x2,y2): solve for the common x.
    double ma = (p[3] - p[1]) / (p[2] - p[0]);
    double mb = (q[3] - q[1]) / (q[2] - q[0]);
    double ca = p[1] - ma * p[0];
    double cb = q[1] - mb * q[0];
    return (cb - ca) / (ma - mb);
  }

  /** Options drawn as lines. */
  public List<String> options() {
    List<String> out = new ArrayList<>();
    NodeList lines = root.getElementsByTagNameNS("*", "line");
    for (int i = 0; i < lines.getLength(); i++) {
      Element e = (Element) lines.item(i);
      if ("curve".equals(e.getAttribute("class"))) {
        out.add(e.getAttribute("data-option"));
      }
    }
    return out;
  }

  /** Every text node, joined: titles, labels and the legend. */
  public String text() {
    return root.getTextContent();
  }

  public String attribute(String name) {
    return root.getAttribute(name);
  }

  private double[] curve(String option) {
    NodeList lines = root.getElementsByTagNameNS("*", "line");
    for (int i = 0; i < lines.getLength(); i++) {
      Element e = (Element) lines.item(i);
      if ("curve".equals(e.getAttribute("class")) && option.equals(e.getAttribute("data-option"))) {
        return new double[] {
          d(e, "x1"), d(e, "y1"), d(e, "x2"), d(e, "y2")
        };
      }
    }
    throw new AssertionError("no line drawn for " + option);
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
