package io.failwise.embedded;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;

/**
 * kube-apiserver's answers about one object, in its words, so that kubectl prints what it prints against
 * a cluster: {@code failoverruns.failwise.io "nope" not found}, {@code ... "drill" already exists}, and the
 * conflict of a stale write. fabric8's mock answered a missing object with an empty 404 (kubectl: "the
 * server could not find the requested resource") and a create of an existing one with 409 Invalid naming
 * no object (kubectl: {@code The FailoverRun "" is invalid}).
 */
final class ObjectStatuses {
  private ObjectStatuses() {}

  /** The resource ({@code plural.group}) and the object name a path names: /api/v1[/namespaces/ns]/plural[/name[/status]] or /apis/group/version/... */
  record ObjectPath(String group, String plural, String name) {
    static ObjectPath of(String path) {
      String[] parts = path.split("\\?")[0].split("/");
      boolean core = parts.length > 1 && "api".equals(parts[1]);
      String group = core || parts.length < 3 ? "" : parts[2];
      int at = core ? 3 : 4;
      if (parts.length > at + 1 && "namespaces".equals(parts[at])) {
        at += 2;
      }
      return new ObjectPath(group, parts.length > at ? parts[at] : "", parts.length > at + 1 ? parts[at + 1] : "");
    }

    String resource() {
      return group.isEmpty() ? plural : plural + "." + group;
    }

    ObjectPath named(String objectName) {
      return new ObjectPath(group, plural, objectName);
    }
  }

  /**
   * fabric8's answer to a {@code method} on {@code path} in kube-apiserver's words, when it has other
   * words: its refusal of a stale update or patch, of a create of an existing object ({@code created}
   * names it), its empty 404 for a missing object. Empty when the answer stands.
   */
  static java.util.Optional<Status> of(String method, String path, String created, io.fabric8.mockwebserver.http.MockResponse answer) {
    if (answer.code() == 409 && ("PUT".equals(method) || "PATCH".equals(method))) {
      return java.util.Optional.of(conflict(path));
    }
    if (answer.code() == 409 && "POST".equals(method)) {
      return java.util.Optional.of(alreadyExists(ObjectPath.of(path).named(created)));
    }
    boolean empty = answer.getBody() == null || answer.getBody().size() == 0;
    if (answer.code() == 404 && empty && !ObjectPath.of(path).name().isEmpty()) {
      return java.util.Optional.of(notFound(ObjectPath.of(path)));
    }
    return java.util.Optional.empty();
  }

  /** The metadata.name of the object a POST body creates, or "" when it names none. */
  static String createdName(String body) {
    try {
      return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(body, com.fasterxml.jackson.databind.JsonNode.class)
          .path("metadata").path("name").asText("");
    } catch (RuntimeException unreadable) {
      return "";
    }
  }

  static Status conflict(String path) {
    ObjectPath o = ObjectPath.of(path);
    return status(409, "Conflict", "Operation cannot be fulfilled on " + o.resource() + " \"" + o.name()
        + "\": the object has been modified; please apply your changes to the latest version and try again", o);
  }

  static Status notFound(ObjectPath o) {
    return status(404, "NotFound", o.resource() + " \"" + o.name() + "\" not found", o);
  }

  static Status alreadyExists(ObjectPath o) {
    return status(409, "AlreadyExists", o.resource() + " \"" + o.name() + "\" already exists", o);
  }

  private static Status status(int code, String reason, String message, ObjectPath o) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .withNewDetails()
        .withName(o.name())
        .withGroup(o.group().isEmpty() ? null : o.group())
        .withKind(o.plural())
        .endDetails()
        .build();
  }
}
