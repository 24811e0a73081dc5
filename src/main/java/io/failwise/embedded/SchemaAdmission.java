package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.failwise.api.schema.CrdSchema;
import io.failwise.api.schema.CrdSchemas;
import io.failwise.api.schema.FieldError;
import io.failwise.api.schema.ObjectMetaRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the embedded API server checks before it stores a custom resource, as kube-apiserver does:
 * the CRD's OpenAPI v3 schema and CEL rules (refused with 422 Invalid and the field paths), unknown
 * fields pruned, or refused with 400 when the request asks for {@code fieldValidation=Strict}. The
 * schemas follow the CRDs installed on the server.
 */
final class SchemaAdmission {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CRD_API_VERSION = "apiextensions.k8s.io/v1";

  private final CrdSchemas schemas = CrdSchemas.empty();

  /** A write the server refuses, with the Status it answers. */
  static final class Refused extends RuntimeException {
    private final transient Status status;

    Refused(Status status) {
      super(status.getMessage(), null, false, false);
      this.status = status;
    }

    Status status() {
      return status;
    }
  }

  /** What to do with unknown fields, from the request's {@code fieldValidation} parameter. */
  enum FieldValidation {
    IGNORE,
    WARN,
    STRICT;

    static FieldValidation of(String query) {
      if (query != null) {
        for (String part : query.split("&")) {
          if (part.startsWith("fieldValidation=")) {
            return switch (part.substring("fieldValidation=".length())) {
              case "Strict" -> STRICT;
              case "Ignore" -> IGNORE;
              default -> WARN;
            };
          }
        }
      }
      return WARN;
    }
  }

  /** What was admitted: the object to store and the warnings for the response. */
  record Admitted(String state, List<String> warnings) {}

  /** Whether a CRD installed here serves {@code plural} in {@code group/version}. */
  boolean serves(String group, String version, String plural) {
    return schemas.forResource(group, version, plural).isPresent();
  }

  /** The CRDs installed here, as {@link ServedPaths} asks of them. */
  ServedPaths.Crds crds() {
    return new ServedPaths.Crds() {
      @Override
      public boolean serve(String group, String version, String plural) {
        return serves(group, version, plural);
      }

      @Override
      public boolean any() {
        return !schemas.all().isEmpty();
      }
    };
  }

  /**
   * Checks a write; returns the object to store (pruned and defaulted), or throws {@link Refused}.
   *
   * @param oldState the stored object this write replaces, or null for a create
   * @param newState the whole object after the write (a patch already applied), or null for a delete
   */
  Admitted admit(String oldState, String newState, FieldValidation mode) {
    if (newState == null) {
      forgetIfCrd(oldState);
      return new Admitted(null, List.of());
    }
    JsonNode object = read(newState);
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    if (CRD_API_VERSION.equals(apiVersion) && "CustomResourceDefinition".equals(kind)) {
      learn(object);
      return new Admitted(newState, List.of());
    }
    Optional<CrdSchema> schema = schemas.forKind(apiVersion, kind);
    if (schema.isEmpty()) {
      // A built-in kind (ConfigMap, Lease, Event...): kube-apiserver still checks its name and labels.
      List<FieldError> errors = ObjectMetaRules.builtIn(object);
      if (!errors.isEmpty()) {
        throw new Refused(invalid(kind, "", kind, object.path("metadata").path("name").asText(""), errors));
      }
      return new Admitted(newState, List.of());
    }
    CrdSchema s = schema.get();
    CrdSchema.Result result = s.validate(object, oldState == null ? null : read(oldState));
    String name = object.path("metadata").path("name").asText("");
    // ObjectMeta as kube-apiserver decodes it for every kind: fields it does not have are unknown, and
    // label keys and values it would refuse are invalid.
    JsonNode meta = result.object().path("metadata");
    List<String> metaUnknown = meta.isObject() ? ObjectMetaRules.unknownFields(meta) : List.of();
    List<String> unknown = new ArrayList<>(metaUnknown);
    unknown.addAll(result.unknownFields());
    List<FieldError> errors = new ArrayList<>(result.errors());
    if (meta.isObject()) {
      errors.addAll(ObjectMetaRules.labels(meta));
    }
    if (mode == FieldValidation.STRICT && !unknown.isEmpty()) {
      throw new Refused(strictDecoding(s, unknown));
    }
    if (!errors.isEmpty()) {
      throw new Refused(invalid(s, name, errors));
    }
    List<String> warnings = mode == FieldValidation.WARN ? unknown.stream().map(f -> "unknown field \"" + f + "\"").toList() : List.of();
    // Stored as kube-apiserver stores it: pruned (ObjectMeta's unknown fields too), nulls dropped, defaults set.
    if (meta instanceof ObjectNode m) {
      metaUnknown.forEach(f -> m.remove(f.substring("metadata.".length())));
    }
    return new Admitted(result.object().equals(object) ? newState : result.object().toString(), warnings);
  }

  private void learn(JsonNode crd) {
    try {
      schemas.put(crd);
    } catch (IllegalArgumentException e) {
      String name = crd.path("metadata").path("name").asText("");
      throw new Refused(
          new StatusBuilder()
              .withStatus("Failure")
              .withCode(422)
              .withReason("Invalid")
              .withMessage("CustomResourceDefinition.apiextensions.k8s.io \"" + name + "\" is invalid: " + e.getMessage())
              .withNewDetails().withName(name).withGroup("apiextensions.k8s.io").withKind("CustomResourceDefinition").endDetails()
              .build());
    }
  }

  private void forgetIfCrd(String oldState) {
    if (oldState == null) {
      return;
    }
    JsonNode old = read(oldState);
    if ("CustomResourceDefinition".equals(old.path("kind").asText())) {
      schemas.remove(old.path("metadata").path("name").asText());
    }
  }

  /** kube-apiserver's 422: {@code Cluster.failwise.io "x" is invalid: spec.a: ...} (several in brackets). */
  static Status invalid(CrdSchema s, String name, List<FieldError> errors) {
    return invalid(s.qualifiedKind(), s.group(), s.kind(), name, errors);
  }

  /** The 422 for a kind qualified as kube-apiserver names it ({@code ConfigMap}, {@code Cluster.failwise.io}). */
  private static Status invalid(String qualifiedKind, String group, String kind, String name, List<FieldError> errors) {
    String listed =
        errors.size() == 1 ? errors.get(0).toString() : "[" + String.join(", ", errors.stream().map(FieldError::toString).toList()) + "]";
    List<StatusCause> causes =
        errors.stream()
            .map(e -> new StatusCauseBuilder().withReason(e.type().reason()).withMessage(e.description()).withField(e.field()).build())
            .toList();
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(422)
        .withReason("Invalid")
        .withMessage(qualifiedKind + " \"" + name + "\" is invalid: " + listed)
        .withNewDetails().withName(name).withGroup(group).withKind(kind).withCauses(causes).endDetails()
        .build();
  }

  private static Status strictDecoding(CrdSchema s, List<String> unknown) {
    String fields = String.join(", ", unknown.stream().map(f -> "unknown field \"" + f + "\"").toList());
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(400)
        .withReason("BadRequest")
        .withMessage(s.kind() + " in version \"" + s.version() + "\" cannot be handled as a " + s.kind() + ": strict decoding error: " + fields)
        .build();
  }

  private static JsonNode read(String state) {
    try {
      return JSON.readTree(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
