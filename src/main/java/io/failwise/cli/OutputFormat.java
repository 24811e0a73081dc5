package io.failwise.cli;

/** How a command prints what it found. */
public enum OutputFormat {
  table,
  text,
  json,
  yaml
}
