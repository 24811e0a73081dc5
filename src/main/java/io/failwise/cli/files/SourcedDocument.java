package io.failwise.cli.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** One YAML document of a file given on the command line, with where it came from for error messages. */
public record SourcedDocument(Path file, int index, JsonNode node) {

  public String kind() {
    return node.path("kind").asText("");
  }

  public String name() {
    return node.path("metadata").path("name").asText("");
  }

  public String namespace() {
    return node.path("metadata").path("namespace").asText("");
  }

  /** "scenarios/incident.yaml, document 3 (Cluster go-eu-west-1)": what an error message starts with. */
  public String where() {
    String what = kind().isEmpty() ? "" : " (" + kind() + (name().isEmpty() ? "" : " " + name()) + ")";
    return file + ", document " + index + what;
  }
}
