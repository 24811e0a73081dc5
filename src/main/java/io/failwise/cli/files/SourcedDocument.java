package io.failwise.cli.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One YAML document of a file given on the command line, with where it came from for error messages. An
 * object that was an item of a List document ({@code kubectl get -o yaml}) has the item's path in
 * {@code item}: {@code items[2]}, or {@code items[2].items[0]} for an item of a List inside a List (which
 * kubectl apply flattens too); a document of its own has null.
 */
public record SourcedDocument(Path file, int index, String item, JsonNode node) {

  /** A document of its own, not an item of a List. */
  public SourcedDocument(Path file, int index, JsonNode node) {
    this(file, index, null, node);
  }

  public String kind() {
    return node.path("kind").asText("");
  }

  public String name() {
    return node.path("metadata").path("name").asText("");
  }

  public String namespace() {
    return node.path("metadata").path("namespace").asText("");
  }

  /**
   * "scenarios/incident.yaml, document 3 (Cluster go-eu-west-1)", or for an item of a List
   * "backup.yaml, document 1, items[2] (Cluster go-eu-west-1)": what an error message starts with.
   */
  public String where() {
    String what = kind().isEmpty() ? "" : " (" + kind() + (name().isEmpty() ? "" : " " + name()) + ")";
    return file + ", document " + index + (item == null ? "" : ", " + item) + what;
  }
}
