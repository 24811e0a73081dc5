package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a real API server does for Events and the mock does not: field selectors on any field
 * ({@code involvedObject.name=go-eu-west-1,involvedObject.kind=Cluster}, as {@code kubectl describe}
 * sends them) and the Table with the columns of {@code kubectl get events}.
 */
final class EventQueries {
  /** A list of core or events.k8s.io Events, in a namespace or across all. */
  private static final Pattern EVENTS_LIST =
      Pattern.compile("^/(?:api/v1|apis/events\\.k8s\\.io/v1)(?:/namespaces/[^/]+)?/events/?$");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** One term of a field selector. */
  record Term(String field, String value, boolean equal) {
    boolean matches(JsonNode item) {
      JsonNode n = item;
      for (String part : field.split("\\.")) {
        n = n.path(part);
      }
      String actual = n.isMissingNode() || n.isNull() ? "" : n.asText();
      return equal == actual.equals(value);
    }
  }

  private EventQueries() {}

  static boolean isEventList(String path) {
    return EVENTS_LIST.matcher(path).matches();
  }

  /** The field selector of a request's query, parsed; empty when there is none. */
  static Optional<List<Term>> fieldSelector(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    for (String param : pathAndQuery.substring(q + 1).split("&")) {
      if (param.startsWith("fieldSelector=")) {
        String selector = URLDecoder.decode(param.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
        return Optional.of(terms(selector));
      }
    }
    return Optional.empty();
  }

  static List<Term> terms(String selector) {
    List<Term> terms = new ArrayList<>();
    Matcher m = Pattern.compile("([^,!=]+)(!=|==|=)([^,]*)").matcher(selector);
    while (m.find()) {
      terms.add(new Term(m.group(1).trim(), m.group(3).trim(), !"!=".equals(m.group(2))));
    }
    return terms;
  }

  /**
   * The mock answers a plain {@code List}; kubectl decodes the answer into an EventList and shows
   * nothing when the kind differs, so the list is named as a real server names it.
   */
  static JsonNode asEventList(JsonNode list, String path) {
    ObjectNode copy = list.deepCopy();
    copy.put("kind", "EventList");
    copy.put("apiVersion", path.startsWith("/apis/events.k8s.io/") ? "events.k8s.io/v1" : "v1");
    return copy;
  }

  /** The list with only the items every term matches. */
  static JsonNode filter(JsonNode list, List<Term> terms) {
    ObjectNode copy = list.deepCopy();
    ArrayNode kept = F.arrayNode();
    list.path("items").forEach(item -> {
      if (terms.stream().allMatch(t -> t.matches(item))) {
        kept.add(item);
      }
    });
    copy.set("items", kept);
    return copy;
  }

  /** The columns kubectl prints for Events: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. */
  static ObjectNode table(List<JsonNode> items, Instant now) {
    return table(items, now, false);
  }

  /** @param whole each row's object whole ({@code includeObject=Object}: kubectl --sort-by), else its metadata */
  static ObjectNode table(List<JsonNode> items, Instant now, boolean whole) {
    ObjectNode table = F.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata");
    ArrayNode defs = table.putArray("columnDefinitions");
    for (String[] c : new String[][] {{"Last Seen", "string"}, {"Type", "string"}, {"Reason", "string"}, {"Object", "string"}, {"Message", "string"}}) {
      defs.addObject().put("name", c[0]).put("type", c[1]).put("description", "");
    }
    List<JsonNode> sorted = new ArrayList<>(items);
    sorted.sort((a, b) -> lastSeen(a).orElse(Instant.EPOCH).compareTo(lastSeen(b).orElse(Instant.EPOCH)));
    ArrayNode rows = table.putArray("rows");
    for (JsonNode e : sorted) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(lastSeen(e).map(t -> PrinterColumns.age(Duration.between(t, now))).orElse("<unknown>"));
      cells.add(e.path("type").asText(""));
      cells.add(e.path("reason").asText(""));
      JsonNode o = e.path("involvedObject").isMissingNode() ? e.path("regarding") : e.path("involvedObject");
      cells.add(o.path("kind").asText("").toLowerCase(java.util.Locale.ROOT) + "/" + o.path("name").asText(""));
      cells.add(e.path("message").isMissingNode() ? e.path("note").asText("") : e.path("message").asText(""));
      row.set("object", whole ? PrinterColumns.whole(e, "Event", "v1") : PrinterColumns.metadataOnly(e));
    }
    return table;
  }

  private static Optional<Instant> lastSeen(JsonNode e) {
    for (String field : List.of("lastTimestamp", "eventTime", "firstTimestamp")) {
      String v = e.path(field).asText("");
      if (!v.isEmpty()) {
        try {
          return Optional.of(Instant.parse(v));
        } catch (RuntimeException ignored) {
          // a time we cannot read: try the next field
        }
      }
    }
    String created = e.path("metadata").path("creationTimestamp").asText("");
    try {
      return created.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(created));
    } catch (RuntimeException e2) {
      return Optional.empty();
    }
  }
}
