package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.ParseOnlyFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `failwise --help` and `failwise bench --help` list each command with the first line of its
 * description: that line must be a whole sentence, not cut mid-way.
 */
class HelpLinesTest {
  @Test
  void everyCommandsFirstDescriptionLineIsAWholeSentence() {
    CommandLine cli = new CommandLine(FailwiseCommand.class, new ParseOnlyFactory());
    List<String> cut = new ArrayList<>();
    List<CommandLine> all = new ArrayList<>(List.of(cli));
    for (int i = 0; i < all.size(); i++) {
      CommandLine c = all.get(i);
      all.addAll(c.getSubcommands().values().stream().filter(s -> s.getParent() == c).toList());
      String[] description = c.getCommandSpec().usageMessage().description();
      if (c != cli && (description.length == 0 || !description[0].strip().matches(".*[.)]$"))) {
        cut.add(c.getCommandSpec().qualifiedName() + ": " + (description.length == 0 ? "(none)" : description[0]));
      }
    }
    assertTrue(all.size() > 20, "the command tree was walked: " + all.size());
    assertTrue(cut.isEmpty(), "first lines that are not a whole sentence:\n" + String.join("\n", cut));
  }
}
