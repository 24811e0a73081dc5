package io.failwise.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;

/**
 * Where a YAML syntax error is, as a person fixing the file needs it: SnakeYAML's mark of the problem
 * (a tab on line 3 is line 3), not Jackson's location of the parser when it met it ("line 2, column 5").
 */
public final class YamlMark {
  private YamlMark() {}

  /** 1-based line and column of the problem, SnakeYAML's mark where the parser gave one, else Jackson's location. */
  public static Optional<int[]> of(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
        return Optional.of(new int[] {m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1});
      }
    }
    var loc = e.getLocation();
    return loc == null ? Optional.empty() : Optional.of(new int[] {loc.getLineNr(), loc.getColumnNr()});
  }

  /** SnakeYAML's message, which spans lines, as one line. */
  public static String message(JsonProcessingException e) {
    return e.getOriginalMessage().strip().replaceAll("\\s+", " ");
  }
}
