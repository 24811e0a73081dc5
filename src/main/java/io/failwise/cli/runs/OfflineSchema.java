package io.failwise.cli.runs;

import io.failwise.api.Region;
import io.failwise.api.schema.CrdSchema;
import io.failwise.api.schema.CrdSchemas;
import io.failwise.api.schema.ObjectMetaRules;
import io.failwise.api.schema.FieldError;
import io.failwise.cli.files.SourcedDocument;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks an API server would make on a Failwise document, offline: the packaged CRD schema and
 * CEL rules (the one source of the bounds), and an apiVersion or kind that is almost right.
 */
public final class OfflineSchema {
  private OfflineSchema() {}

  /** One line per schema error: "file, document N (Cluster x): spec.capacity.devices: Invalid value: ...". */
  public static List<String> problems(SourcedDocument d) {
    Optional<CrdSchema> schema = CrdSchemas.packaged().forKind(d.node().path("apiVersion").asText(""), d.kind());
    if (schema.isEmpty()) {
      return List.of();
    }
    CrdSchema.Result result = schema.get().validate(d.node(), null);
    List<String> lines = new java.util.ArrayList<>(metadataProblems(d).stream().filter(l -> !l.contains(": metadata.name: ")).toList());
    result.unknownFields().forEach(f -> lines.add(unknownField(d, f, schema.get())));
    result.errors().stream().map(e -> e + typed(d.node(), e)).forEach(e -> lines.add(d.where() + ": " + e));
    return lines;
  }

  /**
   * What a value of the wrong type was, which kube-apiserver's words leave out ({@code Invalid value:
   * "string"} names the type): " (the file has '20m'; a whole number of seconds)". Empty for other errors.
   */
  static String typed(com.fasterxml.jackson.databind.JsonNode doc, FieldError e) {
    if (!mistyped(e)) {
      return "";
    }
    com.fasterxml.jackson.databind.JsonNode v = doc;
    for (String part : e.field().split("\\.")) {
      int bracket = part.indexOf('[');
      v = v.path(bracket < 0 ? part : part.substring(0, bracket));
      for (int i = bracket; i >= 0; i = part.indexOf('[', i + 1)) {
        v = v.path(Integer.parseInt(part.substring(i + 1, part.indexOf(']', i))));
      }
    }
    if (!v.isValueNode()) {
      return "";
    }
    String unit = e.field().endsWith("Seconds") && e.detail().contains("type integer") ? "; a whole number of seconds" : "";
    String text = v.asText();
    return " (the file has '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'" + unit + ")";
  }

  /**
   * The schema errors of a document's spec and status, as kube-apiserver would word them (metadata and
   * unknown fields left out: {@link #metadataProblems} and the conversion name those); empty for a kind
   * without a packaged schema.
   */
  static List<FieldError> specErrors(SourcedDocument d) {
    Optional<CrdSchema> schema = CrdSchemas.packaged().forKind(d.node().path("apiVersion").asText(""), d.kind());
    if (schema.isEmpty()) {
      return List.of();
    }
    return schema.get().validate(d.node(), null).errors().stream()
        .filter(e -> !e.field().equals("metadata") && !e.field().startsWith("metadata.") && !e.field().startsWith("metadata["))
        .toList();
  }

  /**
   * What the schema finds in a document besides the field its conversion refused ({@code refusal}, "file,
   * document N (...): spec.x: ..." or "...: unknown field spec.x (...)"): its other unknown fields and
   * spec errors, in kube-apiserver's words. Empty for a kind without a packaged schema.
   */
  static List<String> besides(SourcedDocument d, String refusal) {
    Optional<CrdSchema> schema = CrdSchemas.packaged().forKind(d.node().path("apiVersion").asText(""), d.kind());
    if (schema.isEmpty() || !refusal.startsWith(d.where() + ": ")) {
      return List.of();
    }
    String rest = refusal.substring(d.where().length() + 2);
    String field = rest.startsWith("unknown field ") ? rest.substring("unknown field ".length()).split(" ", 2)[0] : rest.split(": ", 2)[0];
    CrdSchema.Result result = schema.get().validate(d.node(), null);
    List<String> lines = new java.util.ArrayList<>();
    result.unknownFields().stream()
        .filter(f -> !f.equals(field) && !f.startsWith("metadata"))
        .forEach(f -> lines.add(unknownField(d, f, schema.get())));
    specErrors(d).stream()
        .filter(e -> !ResourceSet.covers(field, e.field()) && !ResourceSet.covers(e.field(), field))
        .filter(e -> e.detail() == null || !e.detail().contains(CrdSchema.RULES_NOT_CHECKED))
        .forEach(e -> lines.add(d.where() + ": " + e));
    return lines;
  }

  /**
   * An unknown field in the words the conversion uses for one ("file, document N (...): unknown field
   * spec.x (valid here: a, b; ...)"): the fields the schema names beside it, so a misspelling is seen at
   * once, then where kubectl explains them.
   */
  private static String unknownField(SourcedDocument d, String field, CrdSchema schema) {
    int dot = field.lastIndexOf('.');
    String parent = dot < 0 ? "" : field.substring(0, dot);
    List<String> valid =
        parent.isEmpty() ? List.of() : schema.fields(com.fasterxml.jackson.core.JsonPointer.compile(pointer(parent)));
    String explain = "kubectl explain " + schema.plural() + "." + schema.group() + (parent.isEmpty() ? "" : "." + parent.replaceAll("\\[\\d+]", ""));
    return d.where() + ": unknown field " + field + " (" + (valid.isEmpty() ? "" : "valid here: " + String.join(", ", valid.stream().sorted().toList()) + "; ") + explain + ")";
  }

  /** "spec.steps[2].wait" as a JSON pointer, "/spec/steps/2/wait". */
  private static String pointer(String path) {
    StringBuilder out = new StringBuilder();
    for (String part : path.replaceAll("\\[(\\d+)]", ".$1").split("\\.")) {
      out.append('/').append(part.replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }

  /** A value of the wrong type ("spec.x in body must be of type integer"). */
  static boolean mistyped(FieldError e) {
    return e.detail() != null && e.detail().contains(" must be of type ");
  }

  /** One line per metadata field kube-apiserver would refuse: namespace, labels, unknown fields, the name. */
  static List<String> metadataProblems(SourcedDocument d) {
    return ObjectMetaRules.errors(d.node()).stream().map(e -> d.where() + ": " + e).toList();
  }

  /** The failwise.io kinds besides the packaged CRDs': validate skips them (Scenario is the estimator's). */
  private static final List<String> OTHER_KINDS = List.of("FailoverApproval", "Scenario");

  /** Levenshtein distance, for a kind one or two letters off. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** A Failwise kind with a wrong apiVersion, or a Failwise apiVersion with a kind that is almost one. */
  static Optional<String> misnamed(SourcedDocument d) {
    String apiVersion = d.node().path("apiVersion").asText("");
    String kind = d.kind();
    List<String> kinds = CrdSchemas.packaged().all().stream().map(CrdSchema::kind).toList();
    String expected = Region.GROUP + "/" + Region.VERSION;
    Optional<String> close = kinds.stream().filter(k -> k.equalsIgnoreCase(kind) || k.toLowerCase(Locale.ROOT).equals(kind.toLowerCase(Locale.ROOT) + "s")).findFirst();
    if (apiVersion.startsWith(Region.GROUP + "/")) {
      if (!apiVersion.equals(expected)) {
        return Optional.of(d.where() + ": apiVersion: '" + apiVersion + "' is not served; did you mean " + expected + "?");
      }
      // The estimator's Scenario, and the FailoverApproval (the CRD of the approvals the CLI creates), are
      // kinds of the group that validate skips; any other kind is one the API server does not serve.
      List<String> served = new java.util.ArrayList<>(kinds);
      served.addAll(OTHER_KINDS);
      if (!served.contains(kind)) {
        Optional<String> near = close.isPresent() ? close : served.stream().filter(k -> distance(k.toLowerCase(Locale.ROOT), kind.toLowerCase(Locale.ROOT)) <= 2)
            .findFirst();
        return Optional.of(d.where() + ": kind: " + (kind.isEmpty() ? "is required" : "'" + kind + "' is not a Failwise kind")
            + near.map(k -> "; did you mean " + k + "?").orElse("") + " (" + expected + " serves "
            + String.join(", ", served.stream().sorted().toList()) + "; kubectl apply would fail: no matches for kind)");
      }
      return Optional.empty();
    }
    if (close.isPresent() && (apiVersion.isEmpty() || apiVersion.equals(Region.VERSION) || apiVersion.contains("failwise"))) {
      return Optional.of(d.where() + ": apiVersion: '" + apiVersion + "' does not serve " + kind + "; did you mean apiVersion: " + expected
          + (close.get().equals(kind) ? "" : " and kind: " + close.get()) + "?");
    }
    return Optional.empty();
  }
}
