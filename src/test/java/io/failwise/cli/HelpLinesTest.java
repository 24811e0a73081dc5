package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.ParseOnlyFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the help says of every command of the tree: `failwise --help` and `failwise bench --help` list
 * each command with the first line of its description, a whole sentence; an option that takes one of a
 * set of words names exactly those words, and refuses any other while parsing.
 */
class HelpLinesTest {
  @Test
  void everyCommandsFirstDescriptionLineIsAWholeSentence() {
    CommandLine cli = new CommandLine(FailwiseCommand.class, new ParseOnlyFactory());
    List<String> cut = new ArrayList<>();
    List<CommandLine> all = commands(cli);
    for (CommandLine c : all) {
      String[] description = c.getCommandSpec().usageMessage().description();
      if (c != cli && (description.length == 0 || !description[0].strip().matches(".*[.)]$"))) {
        cut.add(c.getCommandSpec().qualifiedName() + ": " + (description.length == 0 ? "(none)" : description[0]));
      }
    }
    assertTrue(all.size() > 20, "the command tree was walked: " + all.size());
    assertTrue(cut.isEmpty(), "first lines that are not a whole sentence:\n" + String.join("\n", cut));
  }

  /**
   * picocli starts each element of a description on a line of its own: an element cut mid-sentence
   * printed `failwise demo --help` as "... Shows the detection, the" over "policy's decision and why".
   * Every element of every command's and option's description ends a sentence (or a parenthesis or a
   * colon that a list follows).
   */
  @Test
  void everyDescriptionLineEndsASentence() {
    List<String> cut = new ArrayList<>();
    for (CommandLine c : commands(new CommandLine(FailwiseCommand.class, new ParseOnlyFactory()))) {
      String name = c.getCommandSpec().qualifiedName();
      for (String line : c.getCommandSpec().usageMessage().description()) {
        if (!endsASentence(line)) {
          cut.add(name + ": " + line);
        }
      }
      for (OptionSpec o : c.getCommandSpec().options()) {
        for (String line : o.description()) {
          if (!endsASentence(line)) {
            cut.add(where(o) + ": " + line);
          }
        }
      }
    }
    assertTrue(cut.isEmpty(), "description lines cut mid-sentence:\n" + String.join("\n", cut));
  }

  private static boolean endsASentence(String line) {
    return line.strip().isEmpty() || line.strip().matches("(?s).*[.):!?]$");
  }

  /**
   * picocli renders each line of help through String.format: a bare % ("40% of the devices") is a
   * format error, which it reports as a warning on stderr above the help, printing the line raw. Every
   * command's help is rendered here with stderr captured.
   */
  @Test
  void everyCommandsHelpRendersWithoutWarnings() {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      commands(new CommandLine(FailwiseCommand.class, new ParseOnlyFactory())).forEach(CommandLine::getUsageMessage);
    } finally {
      System.setErr(stderr);
    }
    assertEquals("", warnings.toString(StandardCharsets.UTF_8), "a % in help text must be written %%");
  }

  /**
   * Every command and subcommand of the tree: built here from FailwiseCommand's own list, so a command
   * added to it is checked without being named in this test.
   */
  private static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>(List.of(root));
    for (int i = 0; i < all.size(); i++) {
      CommandLine c = all.get(i);
      all.addAll(c.getSubcommands().values().stream().filter(s -> s.getParent() == c).toList());
    }
    return all;
  }

  /**
   * The options that take one of a fixed set of words, each with those words: picocli's completion
   * candidates, which are an enum option's constants (as toString gives them) or the list an option
   * such as bench failover's --backoff names beside its converter.
   */
  private static Map<OptionSpec, List<String>> wordOptions(List<CommandLine> commands) {
    // By identity: two commands' options declared alike (bench detection's and bench scale's -o) are equal.
    Map<OptionSpec, List<String>> options = new IdentityHashMap<>();
    for (CommandLine c : commands) {
      for (OptionSpec o : c.getCommandSpec().options()) {
        if (o.completionCandidates() != null && !o.type().equals(boolean.class) && !o.type().equals(Boolean.class)) {
          List<String> words = new ArrayList<>();
          o.completionCandidates().forEach(words::add);
          options.put(o, words);
        }
      }
    }
    return options;
  }

  /** Every word some option of the tree takes: what another option's help could name by mistake. */
  private static Set<String> vocabulary(Map<OptionSpec, List<String>> options) {
    Set<String> all = new TreeSet<>();
    options.values().forEach(all::addAll);
    return all;
  }

  private static String where(OptionSpec o) {
    return o.command().qualifiedName() + " " + o.longestName();
  }

  private static boolean names(String help, String word) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(help).find();
  }

  /**
   * An option that takes one of a set of words names in its help every word it accepts, as it is
   * typed, and no word it refuses that another option takes: `estimate -o table` was accepted while the
   * help said "text, json or yaml", `plan --mode Plan` while it said "Failover or Drill", `get -o text`
   * while it said "table, json or yaml"; `bench failover --help` said "table or json" of an -o that took
   * yaml and text too, and refused them only once it ran.
   */
  @Test
  void everyOptionsHelpNamesExactlyTheWordsItAccepts() {
    List<CommandLine> all = commands(new CommandLine(FailwiseCommand.class, new ParseOnlyFactory()));
    Map<OptionSpec, List<String>> options = wordOptions(all);
    Set<String> vocabulary = vocabulary(options);
    List<String> wrong = new ArrayList<>();
    options.forEach((o, words) -> {
      String help = String.join(" ", o.description());
      Set<String> named = vocabulary.stream().filter(w -> names(help, w)).collect(Collectors.toCollection(TreeSet::new));
      if (!named.equals(new TreeSet<>(words))) {
        wrong.add(where(o) + ": accepts " + words + " but its help names " + named + ": " + help);
      }
      if (o.type().isEnum()) {
        // picocli takes an enum constant by its name as well as by toString: the two must be one word.
        for (Object constant : o.type().getEnumConstants()) {
          if (!((Enum<?>) constant).name().equals(constant.toString())) {
            wrong.add(where(o) + ": accepts " + ((Enum<?>) constant).name() + " as well as " + constant + " (only the second is listed)");
          }
        }
      }
    });
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    assertTrue(options.size() >= 13, "the options with a set of words were found: " + options.keySet().stream().map(HelpLinesTest::where).sorted().toList());
  }

  /**
   * A word an option does not take is refused while the arguments are parsed, before the command runs
   * (nothing is executed here): exit 2, with the option and the words it takes in the message. The
   * words tried are those its help does not name of every other option's words, and one no option takes.
   */
  @Test
  void aWordAnOptionDoesNotTakeIsRefusedWhileParsing() {
    CommandLine cli = CommandLineSetup.withErrorHandling(new CommandLine(FailwiseCommand.class, new ParseOnlyFactory()));
    cli.setExecutionStrategy(parsed -> 0);
    Map<OptionSpec, List<String>> options = wordOptions(commands(cli));
    Set<String> vocabulary = vocabulary(options);
    List<String> wrong = new ArrayList<>();
    options.forEach((o, words) -> {
      List<String> path = new ArrayList<>(List.of(o.command().qualifiedName(" ").split(" ")));
      path.remove(0);
      String help = String.join(" ", o.description());
      Set<String> refused = vocabulary.stream().filter(w -> !names(help, w)).collect(Collectors.toCollection(TreeSet::new));
      refused.add("no-such-word");
      for (String word : refused) {
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(path);
        args.addAll(List.of(o.longestName(), word));
        int code = cli.execute(args.toArray(String[]::new));
        String message = err.toString().lines().findFirst().orElse("");
        if (code != CommandLineSetup.BAD_INPUT
            || !message.contains("'" + o.longestName() + "'")
            || !words.stream().allMatch(message::contains)) {
          wrong.add(String.join(" ", args) + ": exit " + code + ", " + message);
        }
      }
    });
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  /**
   * An -o/--output or --mode option, and any string option whose help names two or more words some
   * option takes, takes a fixed set of words itself: a free string checked once the command runs is
   * what let `bench decisions -o yaml` through parsing.
   */
  @Test
  void outputAndModeOptionsTakeAFixedSetOfWords() {
    List<CommandLine> all = commands(new CommandLine(FailwiseCommand.class, new ParseOnlyFactory()));
    Map<OptionSpec, List<String>> options = wordOptions(all);
    Set<String> vocabulary = vocabulary(options);
    List<String> free = new ArrayList<>();
    for (CommandLine c : all) {
      for (OptionSpec o : c.getCommandSpec().options()) {
        String help = String.join(" ", o.description());
        boolean named = List.of(o.names()).stream().anyMatch(n -> List.of("-o", "--output", "--mode", "--format").contains(n));
        boolean lists = o.type().equals(String.class) && vocabulary.stream().filter(w -> names(help, w)).count() >= 2;
        if ((named || lists) && !options.containsKey(o)) {
          free.add(where(o) + " (" + o.type().getSimpleName() + "): " + help);
        }
      }
    }
    assertTrue(free.isEmpty(), "options that take any word and check it only when the command runs:\n" + String.join("\n", free));
  }
}
