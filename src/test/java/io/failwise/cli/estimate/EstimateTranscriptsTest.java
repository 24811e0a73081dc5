package io.failwise.cli.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/estimator.md show what {@code failwise estimate} prints for the 12 March scenario:
 * what they show is what it prints, line for line (a transcript may start part-way, and a page may wrap
 * a long line; it may not skip or change one).
 */
class EstimateTranscriptsTest {
  private static final String COMMAND = "estimate -f playbooks/scenarios/2026-03-12-incident.yaml";

  @Test
  void theTranscriptsOfTheReadmeAndTheEstimatorPageAreWhatEstimatePrints() throws IOException {
    Cli.Result r = Cli.run("estimate", "-f", "playbooks/scenarios/2026-03-12-incident.yaml");
    assertEquals(0, r.exitCode(), r.err());
    String printed = words(r.out());
    for (Path page : List.of(Path.of("README.md"), Path.of("docs/estimator.md"))) {
      String shown = transcript(page);
      assertFalse(shown.isBlank(), page + " shows no output after its `" + COMMAND + "`");
      assertTrue(printed.contains(words(shown)), page + " shows\n" + shown + "\nbut estimate prints\n" + r.out());
    }
  }

  /** The first code block after the one that runs the command. */
  private static String transcript(Path page) throws IOException {
    List<String> lines = Files.readAllLines(page);
    int at = 0;
    while (at < lines.size() && !lines.get(at).contains(COMMAND)) {
      at++;
    }
    while (at < lines.size() && !lines.get(at).startsWith("```")) {
      at++; // the end of the command's block
    }
    at++;
    while (at < lines.size() && !lines.get(at).startsWith("```")) {
      at++; // the start of the output's
    }
    List<String> shown = new ArrayList<>();
    for (at++; at < lines.size() && !lines.get(at).startsWith("```"); at++) {
      shown.add(lines.get(at));
    }
    return String.join("\n", shown);
  }

  private static String words(String text) {
    return text.trim().replaceAll("\\s+", " ");
  }
}
