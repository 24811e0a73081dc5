package io.failwise.cli.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.cli.FailwiseCommand;
import io.failwise.testing.ParseOnlyFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/tutorial.md stays true as far as a pure test can tell: every `./failwise` line of its shell
 * blocks parses with the command's real options, and every file a `kubectl -f` line names exists.
 * {@link TutorialIT} runs them against a living world and checks what the page says they do.
 */
class TutorialTest {
  @Test
  void everyCommandOfTheTutorialParsesAndEveryFileItAppliesExists() throws Exception {
    List<String> lines = shellLines(Files.readString(Path.of("docs/tutorial.md")));
    int failwise = 0;
    int files = 0;
    for (String line : lines) {
      String command = line.replaceAll("\\s+#.*$", "").trim();
      List<String> words = Arrays.asList(command.split("\\s+"));
      if (words.get(0).equals("./failwise")) {
        CommandLine cli = new CommandLine(FailwiseCommand.class, new ParseOnlyFactory());
        cli.parseArgs(words.subList(1, words.size()).toArray(String[]::new)); // throws on an unknown option
        failwise++;
      } else if (words.get(0).equals("kubectl") && words.contains("-f")) {
        Path file = Path.of(words.get(words.indexOf("-f") + 1));
        assertTrue(Files.exists(file), line + ": no such file " + file);
        files++;
      }
    }
    assertTrue(failwise >= 10, "the tutorial's failwise commands were found: " + failwise);
    assertEquals(4, files, "the tutorial applies the four example runs it describes");
  }

  static List<String> shellLines(String markdown) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : markdown.lines().toList()) {
      if (line.startsWith("```")) {
        in = !in && line.equals("```sh");
        continue;
      }
      if (in && !line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }
}
