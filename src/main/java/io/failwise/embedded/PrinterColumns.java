package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side printing for the embedded server: turns a list of custom resources into the
 * meta.k8s.io/v1 Table that kubectl asks for, using the CRD's additionalPrinterColumns. Supports the
 * JSONPath forms CRDs use: {@code .a.b.c} and {@code .a[?(@.k=="v")].b}.
 */
final class PrinterColumns {
  private static final Pattern FILTER = Pattern.compile("^(.*)\\[\\?\\(@\\.(\\w+)==\"([^\"]*)\"\\)\\](.*)$");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PrinterColumns() {}

  /**
   * {@code body} (a list, or one object) of the resources at {@code path} as a Table of their CRD's
   * printer columns, if they are of a kind among {@code crds}. The list's resource version goes with
   * it: kubectl watches from it (without one, from nothing: every object again).
   */
  static Optional<ObjectNode> table(List<JsonNode> crds, String pathAndQuery, JsonNode body, Instant now) {
    int query = pathAndQuery.indexOf('?');
    String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    boolean full = fullObjects(pathAndQuery);
    String listKind = body.path("kind").asText("").replaceFirst("List$", "");
    String apiVersion = body.path("apiVersion").asText("");
    List<JsonNode> items = new ArrayList<>();
    if (body.has("items")) {
      body.path("items").forEach(items::add);
    } else {
      items.add(body);
    }
    String version = body.path("metadata").path("resourceVersion").asText("");
    return printedBy(crds, path).map(v -> {
      ObjectNode table = table(v, items, now, full ? item -> whole(item, listKind, apiVersion) : null);
      if (!version.isEmpty()) {
        ((ObjectNode) table.get("metadata")).put("resourceVersion", version);
      }
      return table;
    });
  }

  /**
   * How the events of a streamed watch of {@code pathAndQuery} are written: as Tables of the CRD's
   * printer columns ({@link #watchRows}) when kubectl asks for Tables of a kind among {@code crds}, of
   * kubectl's columns for Events, as they are otherwise.
   */
  static UnaryOperator<String> watchEvents(List<JsonNode> crds, String pathAndQuery, String accept) {
    if (accept == null || !accept.contains("as=Table")) {
      return UnaryOperator.identity();
    }
    int query = pathAndQuery.indexOf('?');
    String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    if (EventQueries.isEventList(path)) {
      return watchRows(event -> EventQueries.table(List.of(event), Instant.now()));
    }
    return printedBy(crds, path)
        .map(v -> watchRows(object -> table(v, List.of(object), Instant.now())))
        .orElse(UnaryOperator.identity());
  }

  /**
   * The columns of the built-in workloads a playbook scales, written as a CRD version's printer columns:
   * kubectl shows a list of a kind it has no columns for as NAME and AGE only, and the tutorial has the
   * reader check a gateway's replicas with {@code kubectl get deploy}. (kube-apiserver's READY is
   * "ready/desired"; here the two are columns of their own.)
   */
  private static final Map<String, JsonNode> WORKLOADS = Map.of(
      "/apis/apps/v1/deployments", workloadColumns(),
      "/apis/apps/v1/statefulsets", workloadColumns());

  private static JsonNode workloadColumns() {
    ObjectNode version = F.objectNode();
    var columns = version.putArray("additionalPrinterColumns");
    columns.addObject().put("name", "Replicas").put("type", "integer").put("jsonPath", ".spec.replicas");
    columns.addObject().put("name", "Ready").put("type", "integer").put("jsonPath", ".status.readyReplicas");
    columns.addObject().put("name", "Age").put("type", "date").put("jsonPath", ".metadata.creationTimestamp");
    return version;
  }

  /** The CRD version (of {@code crds}) whose printer columns show the resources at {@code path}, or a built-in workload's. */
  private static Optional<JsonNode> printedBy(List<JsonNode> crds, String path) {
    List<String> parts = java.util.Arrays.asList(path.split("/"));
    String plural = path.replaceFirst("^/apis/apps/v1(/namespaces/[^/]+)?/([^/]+).*$", "/apis/apps/v1/$2");
    if (WORKLOADS.containsKey(plural)) {
      return Optional.of(WORKLOADS.get(plural));
    }
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      for (JsonNode v : spec.path("versions")) {
        String prefix = "/apis/" + spec.path("group").asText() + "/" + v.path("name").asText() + "/";
        if (path.startsWith(prefix) && parts.contains(spec.path("names").path("plural").asText())) {
          return Optional.of(v);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a Table request asks for each row's whole object ({@code includeObject=Object}, what kubectl
   * sends with {@code --sort-by}, whose JSONPath reads the objects): kube-apiserver's default, and
   * anything else, is the object's metadata only. Answered with metadata, kubectl sorted rows without the
   * field and printed "No resources found".
   */
  static boolean fullObjects(String pathAndQuery) {
    int query = pathAndQuery == null ? -1 : pathAndQuery.indexOf('?');
    return query >= 0 && java.util.Arrays.asList(pathAndQuery.substring(query + 1).split("&")).contains("includeObject=Object");
  }

  /** A row's object: the whole item, with its kind and apiVersion (a list's items may lack them). */
  static JsonNode whole(JsonNode item, String kind, String apiVersion) {
    ObjectNode copy = item.deepCopy();
    if (!copy.has("kind") && !kind.isEmpty()) {
      copy.put("kind", kind);
    }
    if (!copy.has("apiVersion") && !apiVersion.isEmpty()) {
      copy.put("apiVersion", apiVersion);
    }
    return copy;
  }

  /** A row's object as kube-apiserver gives it by default: its metadata only. */
  static ObjectNode metadataOnly(JsonNode item) {
    ObjectNode partial = F.objectNode();
    partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
    partial.set("metadata", item.path("metadata"));
    return partial;
  }

  static ObjectNode table(JsonNode crdVersion, List<JsonNode> items, Instant now) {
    return table(crdVersion, items, now, null);
  }

  /** @param whole a row's object when the request asks for whole objects; null: its metadata only */
  static ObjectNode table(JsonNode crdVersion, List<JsonNode> items, Instant now, java.util.function.Function<JsonNode, JsonNode> whole) {
    ObjectNode table = F.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata");
    var defs = table.putArray("columnDefinitions");
    defs.addObject().put("name", "Name").put("type", "string").put("format", "name").put("description", "Name");
    List<JsonNode> columns = new ArrayList<>();
    crdVersion.path("additionalPrinterColumns").forEach(columns::add);
    columns.sort((a, b) -> Boolean.compare(isAge(a), isAge(b))); // Age last, as kubectl users expect
    for (JsonNode c : columns) {
      defs.addObject().put("name", c.path("name").asText()).put("type", c.path("type").asText()).put("description", "");
    }
    var rows = table.putArray("rows");
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      var cells = row.putArray("cells");
      cells.add(item.path("metadata").path("name").asText());
      for (JsonNode c : columns) {
        JsonNode value = evaluate(item, c.path("jsonPath").asText());
        if (isAge(c) && value.isTextual()) {
          cells.add(age(Duration.between(Instant.parse(value.asText()), now)));
        } else {
          cells.add(value.isMissingNode() ? F.textNode("") : value);
        }
      }
      row.set("object", whole == null ? metadataOnly(item) : whole.apply(item));
    }
    return table;
  }

  /**
   * Watch events as kubectl asks for them with {@code as=Table}: each event's object a Table of its one
   * row, the column definitions in the first event only, as kube-apiserver sends them (kubectl prints
   * the header once, then a row per event).
   */
  static UnaryOperator<String> watchRows(java.util.function.Function<JsonNode, ObjectNode> tableOfOne) {
    AtomicBoolean first = new AtomicBoolean(true);
    return event -> {
      JsonNode read;
      try {
        read = Serialization.jsonMapper().readTree(event);
      } catch (java.io.IOException e) {
        return event; // not an event this can read: sent as it came
      }
      if ("ERROR".equals(read.path("type").asText()) || !read.path("object").path("metadata").isObject()) {
        return event; // an ERROR event carries a Status: kubectl reads it as it is
      }
      ObjectNode row = tableOfOne.apply(read.path("object"));
      if (!first.getAndSet(false)) {
        row.remove("columnDefinitions");
      }
      ObjectNode out = F.objectNode();
      out.put("type", read.path("type").asText());
      out.set("object", row);
      return out.toString();
    };
  }

  private static boolean isAge(JsonNode column) {
    return ".metadata.creationTimestamp".equals(column.path("jsonPath").asText());
  }

  static JsonNode evaluate(JsonNode root, String path) {
    Matcher m = FILTER.matcher(path);
    if (m.matches()) {
      JsonNode list = walk(root, m.group(1));
      for (JsonNode element : list) {
        if (m.group(3).equals(element.path(m.group(2)).asText())) {
          return walk(element, m.group(4));
        }
      }
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    return walk(root, path);
  }

  private static JsonNode walk(JsonNode node, String dotted) {
    JsonNode n = node;
    for (String part : dotted.split("\\.")) {
      if (!part.isEmpty()) {
        n = n.path(part);
      }
    }
    return n;
  }

  static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
  }
}
