package io.failwise.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table in the style of kubectl get: upper-case headers, columns padded by three spaces. */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  public Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(c == null ? "<none>" : c.toString());
    }
    rows.add(row);
    return this;
  }

  public void print(PrintWriter out) {
    lines().forEach(out::println);
    out.flush();
  }

  /** The header line, then one line per row, padded as {@link #print} prints them. */
  public List<String> lines() {
    int[] width = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      width[i] = headers.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(line(headers, width));
    rows.forEach(r -> lines.add(line(r, width)));
    return lines;
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      sb.append(cells.get(i));
      if (i < cells.size() - 1) {
        sb.append(" ".repeat(width[i] - cells.get(i).length() + 3));
      }
    }
    return sb.toString().stripTrailing();
  }
}
