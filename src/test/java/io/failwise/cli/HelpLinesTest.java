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

  /**
   * An option of the offline commands that takes one of a set of words names every word it accepts in its
   * help, as it is typed: `estimate -o table` was accepted while the help said "text, json or yaml", `plan
   * --mode Plan` while it said "Failover or Drill".
   */
  @Test
  void everyWordAnOptionAcceptsIsInItsHelp() {
    CommandLine cli = new CommandLine(FailwiseCommand.class, new ParseOnlyFactory());
    List<String> missing = new ArrayList<>();
    List<CommandLine> all = new ArrayList<>(List.of(cli));
    for (int i = 0; i < all.size(); i++) {
      CommandLine c = all.get(i);
      all.addAll(c.getSubcommands().values().stream().filter(s -> s.getParent() == c).toList());
      if (!OfflineCli.OFFLINE.contains(c.getCommandName())) {
        continue;
      }
      for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
        if (!o.type().isEnum()) {
          continue;
        }
        String help = String.join(" ", o.description());
        for (Object word : o.type().getEnumConstants()) {
          if (!help.matches("(?s).*\\b" + java.util.regex.Pattern.quote(word.toString()) + "\\b.*")) {
            missing.add(c.getCommandSpec().qualifiedName() + " " + o.longestName() + ": accepts " + word + " but its help says: " + help);
          }
        }
      }
    }
    assertTrue(all.stream().filter(c -> OfflineCli.OFFLINE.contains(c.getCommandName())).count() == 3, "estimate, plan and validate were checked");
    assertTrue(missing.isEmpty(), String.join("\n", missing));
  }
}
