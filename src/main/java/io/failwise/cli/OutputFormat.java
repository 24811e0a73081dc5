package io.failwise.cli;

/**
 * The words an {@code -o/--output} option takes. The option's type is the enum of exactly the words the
 * command prints in, so picocli refuses any other while parsing (exit 2: "Invalid value for option
 * '--output': expected one of [...]") instead of the command refusing it once it runs, and the option's
 * help names each of them (HelpLinesTest holds every option of the command tree to both). The sets
 * several commands share are here; a set only one command takes (estimate's, plan's, validate's,
 * decisions') is declared beside its option.
 */
public final class OutputFormat {
  private OutputFormat() {}

  /** {@code get}, {@code runs}: kubectl's words. */
  public enum TableJsonYaml {
    table,
    json,
    yaml
  }

  /** Every {@code bench} command: one word for its table across them. */
  public enum TextJson {
    text,
    json
  }
}
