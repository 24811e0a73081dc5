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

  /**
   * The same, in {@code text}: a character YAML does not allow (a control character pasted from a
   * terminal) is found by SnakeYAML's reader before parsing, with its position in the text rather than a
   * mark, and was reported at line 1, column 1 whatever its line.
   */
  public static Optional<int[]> of(JsonProcessingException e, String text) {
    Optional<org.yaml.snakeyaml.reader.ReaderException> bad = readerProblem(e);
    if (bad.isPresent() && text != null) {
      int offset;
      try {
        offset = text.offsetByCodePoints(0, Math.max(0, bad.get().getPosition()));
      } catch (IndexOutOfBoundsException outside) {
        return of(e);
      }
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return Optional.of(new int[] {line, text.codePointCount(lineStart, offset) + 1});
    }
    return of(e);
  }

  /** SnakeYAML's message, which spans lines, as one line; a character YAML does not allow is named. */
  public static String message(JsonProcessingException e) {
    Optional<org.yaml.snakeyaml.reader.ReaderException> bad = readerProblem(e);
    if (bad.isPresent()) {
      return String.format(java.util.Locale.ROOT, "the character U+%04X is not allowed in YAML (a control character?); remove it",
          bad.get().getCodePoint());
    }
    return e.getOriginalMessage().strip().replaceAll("\\s+", " ");
  }

  private static Optional<org.yaml.snakeyaml.reader.ReaderException> readerProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.reader.ReaderException r) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
