package io.failwise.cli.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.failwise.cli.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the multi-document YAML files that offline commands take ({@code -f FILE} or a folder) into
 * {@link SourcedDocument}s, and turns a document into a typed resource ({@link #convert}, done by
 * {@code DocumentConversion}). Every error names the file, the document and the field.
 */
public final class ResourceFiles {
  /** The one reader and converter of documents; {@code DocumentConversion} converts with it too. */
  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // 0.9 devices is a mistake, not 0 devices: a count is refused unless it is written whole.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // A repeated key is refused, not silently won by the last one.
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ResourceFiles() {}

  /** Every document of every file; folders are read recursively (*.yaml, *.yml, *.json, as kubectl apply -f reads them), in name order. */
  public static List<SourcedDocument> read(List<Path> paths) {
    List<SourcedDocument> docs = new ArrayList<>();
    java.util.Set<Path> read = new java.util.HashSet<>();
    for (Path path : paths) {
      for (Path file : files(path)) {
        if (!read.add(file.toAbsolutePath().normalize())) {
          continue; // given twice (a folder and a file in it): read once, not a duplicate of itself
        }
        docs.addAll(readFile(file));
      }
    }
    return docs;
  }

  /**
   * Every document of every file, like {@link #read(List)}, except that a file that does not parse
   * (a {@code .nan}, a tab) is one problem line for the document where parsing stopped, and the
   * other files are still read. A path that does not exist still stops the command.
   *
   * @param unparsable gets the file that did not parse and the problem line
   */
  public static List<SourcedDocument> read(List<Path> paths, java.util.function.BiConsumer<Path, String> unparsable) {
    List<SourcedDocument> docs = new ArrayList<>();
    java.util.Set<Path> read = new java.util.HashSet<>();
    for (Path path : paths) {
      for (Path file : files(path)) {
        if (!read.add(file.toAbsolutePath().normalize())) {
          continue; // given twice (a folder and a file in it): read once, not a duplicate of itself
        }
        try {
          docs.addAll(readFile(file));
        } catch (UserInputException e) {
          unparsable.accept(file, e.getMessage());
        }
      }
    }
    return docs;
  }

  static List<Path> files(Path path) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        return walk.filter(Files::isRegularFile).filter(ResourceFiles::isYaml).sorted().toList();
      } catch (IOException e) {
        throw new UserInputException(path + ": cannot read the folder: " + e.getMessage());
      }
    }
    if (!Files.exists(path)) {
      // kubectl's "-f -" reads standard input; here a file is needed (its name is in every message).
      throw new UserInputException(path + ": no such file or folder" + ("-".equals(path.toString())
          ? " (standard input is not read: write it to a file, e.g. kubectl get ... -o yaml > state.yaml, and give that)" : ""));
    }
    return List.of(path);
  }

  /** A file a folder is read for: YAML, or JSON (which the YAML reader reads too), as kubectl apply -f DIR reads. */
  private static boolean isYaml(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  static List<SourcedDocument> readFile(Path file) {
    List<SourcedDocument> docs = new ArrayList<>();
    // The document being parsed: a syntax error belongs to it, whether the parser meets the error
    // while looking for the document's start or while reading its body.
    int reading = 1;
    String text = TextFiles.readUtf8(file, file.toString());
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(refuseAliases(file, text))) {
      while (it.hasNextValue()) {
        int index = reading;
        JsonNode node = it.nextValue();
        reading++;
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue;
        }
        if (!node.isObject()) {
          throw new UserInputException(file + ", document " + index + ": expected a mapping with apiVersion, kind, metadata and spec");
        }
        if (isList(node)) {
          docs.addAll(items(file, index, null, node));
        } else {
          docs.add(new SourcedDocument(file, index, node));
        }
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file");
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String special = loc == null ? null : notANumber(text, loc.getLineNr(), loc.getColumnNr(), e.getOriginalMessage());
      if (special != null) {
        throw new UserInputException(file + ", document " + reading + ", line " + loc.getLineNr() + ": " + special);
      }
      // Where the problem is, not where the parser was when it met it (a tab on line 3 reads "line 2, column 5" by Jackson's location).
      int[] at = io.failwise.api.validation.YamlMark.of(e, text).orElse(null);
      throw new UserInputException(
          file + ", document " + reading + ": not valid YAML" + (at == null ? "" : " at line " + at[0] + ", column " + at[1]) + ": "
              + io.failwise.api.validation.YamlMark.message(e));
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserInputException u) {
        throw u;
      }
      throw new UserInputException(file + ": cannot read: " + e.getMessage());
    }
    return docs;
  }

  /**
   * A List document: {@code kind: List}, what {@code kubectl get -o yaml} writes, or a typed list such as
   * {@code FailoverPlaybookList}, what the API server answers a list request with, when it has {@code items}.
   * Its {@code items} must then be a list (checked by {@link #items}).
   */
  static boolean isList(JsonNode node) {
    String kind = node.path("kind").asText("");
    return kind.equals("List") || (kind.endsWith("List") && node.has("items"));
  }

  /**
   * The items of a List document, each an object of its own that names the file, the document and the
   * item. The items of a typed list ({@code FailoverPlaybookList}) may leave out their apiVersion and
   * kind, which are the list's: they are filled in, as the API server's clients do. An item that is a List
   * itself is read as its items, as kubectl apply flattens it ({@code items[2].items[0]}).
   *
   * @param outer the path of the list among the document's lists, null for the document itself
   */
  static List<SourcedDocument> items(Path file, int index, String outer, JsonNode list) {
    String kind = list.path("kind").asText();
    String itemKind = kind.equals("List") ? "" : kind.substring(0, kind.length() - "List".length());
    String apiVersion = list.path("apiVersion").asText("");
    String where = file + ", document " + index + (outer == null ? "" : ", " + outer);
    List<SourcedDocument> items = new ArrayList<>();
    JsonNode all = list.path("items");
    if (all.isMissingNode() || all.isNull()) {
      return items; // an empty List, as kubectl get writes when nothing matched
    }
    if (!all.isArray()) {
      throw new UserInputException(where + " (" + kind + "): items: must be a list of objects (one '- item' per line, or [a, b]), got "
          + (all.isObject() ? "a map" : all.isTextual() ? "the text '" + all.asText() + "'" : "'" + all.asText() + "'"));
    }
    for (int i = 0; i < all.size(); i++) {
      JsonNode item = all.get(i);
      String path = (outer == null ? "" : outer + ".") + "items[" + i + "]";
      if (item == null || item.isNull()) {
        continue;
      }
      if (!item.isObject()) {
        throw new UserInputException(
            file + ", document " + index + ", " + path + ": expected a mapping with apiVersion, kind, metadata and spec");
      }
      if (!itemKind.isEmpty() && (!item.has("kind") || !item.has("apiVersion"))) {
        var filled = ((com.fasterxml.jackson.databind.node.ObjectNode) item).deepCopy();
        if (!filled.has("apiVersion") && !apiVersion.isEmpty()) {
          filled.put("apiVersion", apiVersion);
        }
        if (!filled.has("kind")) {
          filled.put("kind", itemKind);
        }
        item = filled;
      }
      if (isList(item)) {
        items.addAll(items(file, index, path, item));
      } else {
        items.add(new SourcedDocument(file, index, path, item));
      }
    }
    return items;
  }

  /**
   * YAML's {@code .nan} and {@code .inf}, which the reader cannot take: what the field is and what is
   * valid, rather than "Malformed numeric value". Null when the error is another one.
   */
  static String notANumber(String text, int lineNr, int columnNr, String message) {
    if (message == null || !message.contains("Malformed numeric value")) {
      return null;
    }
    String[] lines = text.split("\\R", -1);
    String line = lineNr >= 1 && lineNr <= lines.length ? lines[lineNr - 1] : "";
    // The value: the .nan or .inf nearest where the reader stopped; the field: the "name:" just before it.
    Matcher token = SPECIAL_NUMBER.matcher(line);
    String value = line.strip();
    int valueAt = 0;
    if (token.find(Math.max(0, Math.min(line.length(), columnNr - 2))) || token.find(0)) {
      value = token.group();
      valueAt = token.start();
    }
    Matcher key = KEY_BEFORE.matcher(line.substring(0, valueAt));
    String field = key.find() ? key.group(1) : null;
    String what = value.toLowerCase(Locale.ROOT).contains("nan") ? "not a number (NaN)" : "infinite";
    return (field == null ? "" : field + ": ") + value + " is " + what + "; give a finite number";
  }

  private static final Pattern SPECIAL_NUMBER = Pattern.compile("[-+]?\\.(?i:nan|inf)\\b");
  private static final Pattern KEY_BEFORE = Pattern.compile("([A-Za-z_][\\w.-]*)\\s*:\\s*$");

  /**
   * Refuses a YAML alias ({@code *name}) before anything is read. The reader does not expand aliases:
   * it would read one as its own name, a silent wrong value; and expanded, a few lines of aliases
   * reach billions of values (the "billion laughs"). Anchors alone are harmless and pass. Returns the
   * text; a syntax error is left for the reader, whose message names the line.
   */
  static String refuseAliases(Path file, String text) {
    if (text.indexOf('*') < 0) {
      // An alias is written *name: without a '*' there is none, and no second parse is needed.
      return text;
    }
    int document = 0;
    try {
      // The parser's events alone: a Yaml object would also build a constructor, whose logger makes
      // the JDK look for a logging service in every jar of the class path.
      var parser = new org.yaml.snakeyaml.parser.ParserImpl(new org.yaml.snakeyaml.reader.StreamReader(text), new org.yaml.snakeyaml.LoaderOptions());
      for (org.yaml.snakeyaml.events.Event e = parser.getEvent(); !(e instanceof org.yaml.snakeyaml.events.StreamEndEvent); e = parser.getEvent()) {
        if (e instanceof org.yaml.snakeyaml.events.DocumentStartEvent) {
          document++;
        } else if (e instanceof org.yaml.snakeyaml.events.AliasEvent alias) {
          throw new UserInputException(
              file + ", document " + Math.max(1, document) + ": line " + (alias.getStartMark().getLine() + 1)
                  + ": YAML alias *" + alias.getAnchor() + " is not supported: write the value out (aliases are not expanded,"
                  + " so that a value is never read as an alias's name and a chain of aliases cannot grow without bound)");
        }
      }
    } catch (org.yaml.snakeyaml.error.YAMLException syntax) {
      // The reader below reports it, with the document and the line.
    }
    return text;
  }

  /** Converts a document to {@code type}; a wrong type or an unknown field names the field's path (see {@code DocumentConversion}). */
  public static <T> T convert(SourcedDocument doc, Class<T> type) {
    return DocumentConversion.convert(doc, type);
  }
}
