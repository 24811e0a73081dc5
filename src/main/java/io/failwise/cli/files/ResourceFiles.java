package io.failwise.cli.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
 * Reads the multi-document YAML files that offline commands take ({@code -f FILE} or a folder), and
 * turns a document into a typed resource. Every error names the file, the document and the field.
 */
public final class ResourceFiles {
  private static final ObjectMapper YAML =
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
      throw new UserInputException(path + ": no such file or folder");
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
      throw new UserInputException(
          file + ", document " + reading + ": not valid YAML"
              + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
              // SnakeYAML's messages span lines; the user gets one.
              + ": " + e.getOriginalMessage().strip().replaceAll("\\s+", " "));
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

  /** Converts a document to {@code type}; a wrong type or an unknown field names the field's path. */
  public static <T> T convert(SourcedDocument doc, Class<T> type) {
    try {
      return YAML.treeToValue(wholeNumbersAsIntegers(doc.node()), type);
    } catch (UnrecognizedPropertyException e) {
      String field = path(e);
      List<String> known =
          e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
      throw new UserInputException(
          doc.where() + ": unknown field " + field + (known.isEmpty() ? "" : " (valid here: " + String.join(", ", known) + ")"));
    } catch (InvalidFormatException e) {
      if ("a whole number".equals(shape(e.getTargetType()))) {
        throw new UserInputException(doc.where() + ": " + path(e) + ": must be a whole number, got " + shapeOf(doc.node().at(pointer(e))));
      }
      throw new UserInputException(
          doc.where() + ": " + path(e) + ": '" + e.getValue() + "' is not a valid " + simpleType(e.getTargetType()));
    } catch (MismatchedInputException e) {
      // A list where a map is expected, a map where a list or a text is: say what is valid, not Jackson's words.
      String shape = shape(e.getTargetType());
      if (shape == null) {
        throw new UserInputException(doc.where() + ": " + path(e) + ": " + e.getOriginalMessage());
      }
      throw new UserInputException(
          doc.where() + ": " + path(e) + ": must be " + shape + ", got " + shapeOf(doc.node().at(pointer(e))));
    } catch (JsonMappingException e) {
      String range = outOfRange(e, doc);
      throw new UserInputException(doc.where() + ": " + path(e) + ": " + (range != null ? range : e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new UserInputException(doc.where() + ": " + e.getOriginalMessage());
    }
  }

  /**
   * A whole number too large (or too small) for its field, as a person reads it: "must be a whole number from
   * -2,147,483,648 to 2,147,483,647, got 99999999999" rather than Jackson's "Numeric value (...) out of range
   * of int". Null when the error is another one. Commands that know a field's own bounds check them before
   * converting (a Scenario's budget counts, ScenarioLoader).
   */
  private static String outOfRange(JsonMappingException e, SourcedDocument doc) {
    Throwable t = e;
    while (t != null && !(t instanceof com.fasterxml.jackson.core.exc.InputCoercionException)) {
      t = t.getCause();
    }
    if (!(t instanceof com.fasterxml.jackson.core.exc.InputCoercionException c)) {
      return null;
    }
    Class<?> type = c.getTargetType();
    long min;
    long max;
    if (type == Integer.class || type == int.class) {
      min = Integer.MIN_VALUE;
      max = Integer.MAX_VALUE;
    } else if (type == Short.class || type == short.class) {
      min = Short.MIN_VALUE;
      max = Short.MAX_VALUE;
    } else if (type == Long.class || type == long.class) {
      min = Long.MIN_VALUE;
      max = Long.MAX_VALUE;
    } else {
      return null;
    }
    // The field's own bounds where its CRD schema sets them (replicas: from 0), within the type's.
    var schema = io.failwise.api.schema.CrdSchemas.packaged().forKind(doc.node().path("apiVersion").asText(""), doc.kind());
    if (schema.isPresent()) {
      java.math.BigDecimal[] bounds = schema.get().bounds(pointer(e));
      if (bounds[0] != null && bounds[0].compareTo(java.math.BigDecimal.valueOf(min)) > 0) {
        min = bounds[0].setScale(0, java.math.RoundingMode.CEILING).longValueExact();
      }
      if (bounds[1] != null && bounds[1].compareTo(java.math.BigDecimal.valueOf(max)) < 0) {
        max = bounds[1].setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
      }
    }
    JsonNode value = doc.node().at(pointer(e));
    return "must be a whole number from " + io.failwise.model.Format.count(min) + " to " + io.failwise.model.Format.count(max) + ", got "
        + (value == null || value.isMissingNode() ? "a number out of that range" : value.asText());
  }

  /**
   * The document with every number that has no fraction (25000.0) written as an integer, as the API
   * server's JSON decoder takes it; a count with a fraction (0.9) is then refused, never truncated.
   */
  static JsonNode wholeNumbersAsIntegers(JsonNode node) {
    if (node.isFloatingPointNumber()) {
      double v = node.doubleValue();
      return v == Math.rint(v) && Math.abs(v) < 0x1p53 ? com.fasterxml.jackson.databind.node.LongNode.valueOf((long) v) : node;
    }
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode copy = null;
      for (var it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode v = wholeNumbersAsIntegers(e.getValue());
        if (v != e.getValue()) {
          copy = copy == null ? ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy() : copy;
          copy.set(e.getKey(), v);
        }
      }
      return copy == null ? node : copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = null;
      for (int i = 0; i < node.size(); i++) {
        JsonNode v = wholeNumbersAsIntegers(node.get(i));
        if (v != node.get(i)) {
          copy = copy == null ? ((com.fasterxml.jackson.databind.node.ArrayNode) node).deepCopy() : copy;
          copy.set(i, v);
        }
      }
      return copy == null ? node : copy;
    }
    return node;
  }

  /** What a value of {@code type} is written as, for a person; null when it is not one of these shapes. */
  private static String shape(Class<?> type) {
    if (type == null) {
      return null;
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list (one '- item' per line, or [a, b])";
    }
    if (type == String.class) {
      return "a text";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class || type == Short.class
        || type == short.class || type == java.math.BigInteger.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
    }
    if (type.isPrimitive()) {
      return null;
    }
    return "a map of fields (name: value)";
  }

  private static String shapeOf(com.fasterxml.jackson.databind.JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "something else";
    }
    if (node.isObject()) {
      return "a map";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isNull()) {
      return "null";
    }
    return node.isTextual() ? "the text '" + node.asText() + "'" : "'" + node.asText() + "'";
  }

  /** The JSON pointer of a mapping error's path, to find the value that was refused. */
  private static com.fasterxml.jackson.core.JsonPointer pointer(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (ref.getIndex() >= 0) {
        sb.append('/').append(ref.getIndex());
      }
    }
    return com.fasterxml.jackson.core.JsonPointer.compile(sb.toString());
  }

  /** The JSON path of a mapping error, like spec.failover.targets[0].priority. */
  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "(document)" : sb.toString();
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type.isEnum()) {
      Object[] values = type.getEnumConstants();
      List<String> names = new ArrayList<>();
      for (Object v : values) {
        names.add(v.toString());
      }
      return "value; valid: " + String.join(", ", names);
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "number";
    }
    if (type == Boolean.class) {
      return "boolean (true or false)";
    }
    return type.getSimpleName();
  }
}
