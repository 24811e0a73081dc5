package io.failwise.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Objects written as {@code kubectl get -o yaml} writes several: one {@code kind: List} document whose
 * items carry what the API server added (uid, resourceVersion, creationTimestamp, generation).
 */
public final class KubectlGetYaml {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private KubectlGetYaml() {}

  /** The documents of {@code files}, as the one List document kubectl writes for them. */
  public static String list(Path... files) throws IOException {
    ObjectNode list = YAML.createObjectNode().put("apiVersion", "v1");
    var items = list.putArray("items");
    int uid = 0;
    for (Path file : files) {
      for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file)).readAll()) {
        if (doc == null || !doc.isObject()) {
          continue;
        }
        ObjectNode item = ((ObjectNode) doc).deepCopy();
        ObjectNode metadata = item.get("metadata") instanceof ObjectNode m ? m : item.putObject("metadata");
        metadata.put("creationTimestamp", "2026-03-12T21:40:00Z").put("generation", 1).put("resourceVersion", String.valueOf(100 + uid));
        metadata.put("uid", String.format("00000000-0000-0000-0000-%012d", ++uid));
        items.add(item);
      }
    }
    list.put("kind", "List");
    list.putObject("metadata").put("resourceVersion", "");
    return YAML.writeValueAsString(list);
  }

  /** {@link #list} of {@code files}, written to {@code target}. */
  public static Path write(Path target, Path... files) throws IOException {
    return Files.writeString(target, list(files));
  }

  public static Path write(Path target, List<Path> files) throws IOException {
    return write(target, files.toArray(Path[]::new));
  }
}
