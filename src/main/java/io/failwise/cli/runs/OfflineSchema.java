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
    result.unknownFields().forEach(f -> lines.add(d.where() + ": " + f + ": unknown field (kubectl explain " + schema.get().plural() + "." + schema.get().group() + ")"));
    result.errors().stream().map(FieldError::toString).forEach(e -> lines.add(d.where() + ": " + e));
    return lines;
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

  /** A value of the wrong type ("spec.x in body must be of type integer"). */
  static boolean mistyped(FieldError e) {
    return e.detail() != null && e.detail().contains(" must be of type ");
  }

  /** One line per metadata field kube-apiserver would refuse: namespace, labels, unknown fields, the name. */
  static List<String> metadataProblems(SourcedDocument d) {
    return ObjectMetaRules.errors(d.node()).stream().map(e -> d.where() + ": " + e).toList();
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
      // Other documents of the group (the estimator's Scenario) are skipped by validate, as before.
      if (!kinds.contains(kind) && close.isPresent()) {
        return Optional.of(d.where() + ": kind: '" + kind + "' is not a Failwise kind; did you mean " + close.get() + "?");
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
