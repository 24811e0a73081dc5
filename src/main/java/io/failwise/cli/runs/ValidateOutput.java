package io.failwise.cli.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code failwise validate -o json|junit|github}: the same problems for a pipeline. JSON for scripts,
 * JUnit XML for CI test reports (one failing test case per problem), GitHub Actions workflow commands
 * (one {@code ::error file=...::} annotation per problem, shown on the pull request's files).
 */
final class ValidateOutput {
  /** The output formats; text is validate's own. */
  enum Format {
    text,
    json,
    junit,
    github
  }

  /**
   * One problem, split from validate's line "FILE, document N (Kind name): field: message", or "FILE,
   * document N, items[I] (Kind name): ..." for an item of a List document ({@code item} "items[I]", or
   * "items[I].items[J]" for an item of a List inside it; null otherwise).
   */
  record Problem(String file, Integer document, String item, String resource, String message) {
    private static final Pattern LINE =
        Pattern.compile("^(.*?), document (\\d+)(?:, (items\\[\\d+\\](?:\\.items\\[\\d+\\])*))?(?: \\((.*?)\\))?: (.*)$", Pattern.DOTALL);

    static Problem parse(String line) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        return new Problem(m.group(1), Integer.valueOf(m.group(2)), m.group(3), m.group(4), m.group(5));
      }
      int colon = line.indexOf(": ");
      return colon > 0
          ? new Problem(line.substring(0, colon), null, null, null, line.substring(colon + 2))
          : new Problem(null, null, null, null, line);
    }

    /** "document 2" or "document 2, items[0]"; empty without a document. */
    String document(String before) {
      return document == null ? "" : before + "document " + document + (item == null ? "" : ", " + item);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ValidateOutput() {}

  /**
   * kube-apiserver's note that the CEL rules were left unchecked ({@code <nil>: ... some validation rules
   * were not checked ...}) is no problem of its own: the text count leaves it out, and a pipeline sees it
   * apart from the problems (JSON {@code notes}, a GitHub notice), not as a second error with no field.
   */
  static boolean isNote(String line) {
    return line.contains(io.failwise.api.schema.CrdSchema.RULES_NOT_CHECKED);
  }

  static void print(Format format, List<String> lines, String summary, PrintWriter out) {
    List<Problem> problems = lines.stream().filter(l -> !isNote(l)).map(Problem::parse).toList();
    List<Problem> notes = lines.stream().filter(ValidateOutput::isNote).map(Problem::parse).toList();
    switch (format) {
      case json -> out.println(json(problems, notes, summary));
      case junit -> out.print(junit(problems, summary));
      case github -> github(problems, notes, summary, out);
      case text -> throw new IllegalArgumentException("text is printed by validate itself");
    }
    out.flush();
  }

  static String json(List<Problem> problems, String summary) {
    return json(problems, List.of(), summary);
  }

  static String json(List<Problem> problems, List<Problem> notes, String summary) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("ok", problems.isEmpty());
    root.put("summary", summary);
    root.put("problems", entries(problems));
    if (!notes.isEmpty()) {
      root.put("notes", entries(notes));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Map<String, Object>> entries(List<Problem> problems) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Problem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", p.file());
      m.put("document", p.document());
      if (p.item() != null) {
        // The item's index in the document's List, from 0; for an item of a List inside it, also the path.
        m.put("item", Integer.valueOf(p.item().substring("items[".length(), p.item().indexOf(']'))));
        if (p.item().indexOf('.') > 0) {
          m.put("itemPath", p.item());
        }
      }
      m.put("resource", p.resource());
      m.put("message", p.message());
      list.add(m);
    }
    return list;
  }

  static String junit(List<Problem> problems, String summary) {
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    int tests = Math.max(1, problems.size());
    x.append("<testsuites name=\"failwise validate\" tests=\"").append(tests).append("\" failures=\"").append(problems.size()).append("\">\n");
    x.append("  <testsuite name=\"failwise validate\" tests=\"").append(tests).append("\" failures=\"").append(problems.size())
        .append("\" errors=\"0\" skipped=\"0\">\n");
    if (problems.isEmpty()) {
      x.append("    <testcase classname=\"failwise.validate\" name=\"").append(xml(summary)).append("\"/>\n");
    }
    for (Problem p : problems) {
      String where = (p.file() == null ? "" : p.file()) + p.document(", ")
          + (p.resource() == null ? "" : " (" + p.resource() + ")");
      x.append("    <testcase classname=\"").append(xml(p.file() == null ? "failwise.validate" : p.file())).append("\" name=\"")
          .append(xml(where)).append("\">\n");
      x.append("      <failure type=\"InvalidResource\" message=\"").append(xml(p.message())).append("\">")
          .append(xml(where + ": " + p.message())).append("</failure>\n");
      x.append("    </testcase>\n");
    }
    x.append("  </testsuite>\n</testsuites>\n");
    return x.toString();
  }

  /** "not valid YAML at line 3, column 1" and the like: a problem that knows its line. */
  private static final Pattern AT_LINE = Pattern.compile("^(?:not valid YAML at )?line (\\d+)(?:, column (\\d+))?");

  static void github(List<Problem> problems, List<Problem> notes, String summary, PrintWriter out) {
    annotate("error", problems, out);
    annotate("notice", notes, out);
    out.println(problems.isEmpty() ? "::notice title=failwise validate::" + data(summary) : data(summary));
  }

  private static void annotate(String level, List<Problem> problems, PrintWriter out) {
    for (Problem p : problems) {
      String props = "title=" + property("failwise validate" + (p.resource() == null ? "" : ": " + p.resource()));
      if (p.file() != null) {
        // A syntax error names its line (and column): the annotation points at it.
        Matcher at = AT_LINE.matcher(p.message());
        String line = at.find() ? ",line=" + at.group(1) + (at.group(2) == null ? "" : ",col=" + at.group(2)) : "";
        props = "file=" + property(p.file()) + line + "," + props;
      }
      String where = p.document() == null ? "" : p.document("") + ": ";
      out.println("::" + level + " " + props + "::" + data(where + p.message()));
    }
  }

  /** Workflow command data: %, CR and LF escaped. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Workflow command property values: also ':' and ','. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }

  private static String xml(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : (s == null ? "" : s).toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
