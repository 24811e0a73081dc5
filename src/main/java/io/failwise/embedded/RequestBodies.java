package io.failwise.embedded;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Which request bodies the embedded API server reads. fabric8's CRUD dispatcher parses every body as YAML
 * (JSON being YAML); kube-apiserver also takes Kubernetes protobuf and CBOR, and typed clients send
 * protobuf: {@code kubectl create configmap} does. Parsed as YAML, such a body threw from the dispatcher,
 * and the client waited for an answer that never came. A body the server cannot read gets kube-apiserver's
 * answer instead, 415 at once, unless {@link ProtobufBodies} decodes it.
 */
final class RequestBodies {
  static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

  private RequestBodies() {}

  static boolean isJsonPatch(RecordedRequest request) {
    return mediaType(request).equals("application/json-patch+json");
  }

  static boolean isStrategicMergePatch(RecordedRequest request) {
    return mediaType(request).equals("application/strategic-merge-patch+json");
  }

  /** kube-apiserver's answer to a strategic merge patch of a custom resource, which has no patch strategy. */
  static final io.fabric8.kubernetes.api.model.Status UNSUPPORTED_PATCH =
      new io.fabric8.kubernetes.api.model.StatusBuilder()
          .withStatus("Failure")
          .withCode(415)
          .withReason("UnsupportedMediaType")
          .withMessage(
              "the body of the request was in an unknown format - accepted media types include: application/json-patch+json,"
                  + " application/merge-patch+json, application/apply-patch+yaml")
          .build();

  /** The media type of the request's body, lower case and without parameters; empty without one. */
  static String mediaType(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    if (type == null) {
      return "";
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /** The 415 for a body the dispatcher cannot read (not JSON or YAML); empty for one it can, or no body. */
  static Optional<Status> unsupported(RecordedRequest request) {
    String method = request.getMethod();
    if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
      return Optional.empty();
    }
    String type = mediaType(request);
    boolean readable = type.isEmpty() || type.equals("*/*") || type.endsWith("json") || type.endsWith("yaml");
    return readable ? Optional.empty() : Optional.of(unsupportedMediaType(type, null));
  }

  /**
   * kube-apiserver's 415 for a body in a format it does not take, with what to do instead here. {@code why}
   * (may be null) says why a protobuf body of a kind the server could decode was not.
   */
  static Status unsupportedMediaType(String type, String why) {
    String message =
        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml"
            + " (the embedded API server does not decode " + type + (why == null ? "" : ": " + why) + ")."
            + " Write the object to a file and `kubectl apply -f FILE`, or pipe it:"
            + " `kubectl create ... --dry-run=client -o yaml | kubectl apply -f -`";
    return new StatusBuilder().withStatus("Failure").withCode(415).withReason("UnsupportedMediaType").withMessage(message).build();
  }

  /** kube-apiserver's 500 for a request the server failed on, so that the client is answered at once. */
  static Status internalError(Throwable failure) {
    String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(500)
        .withReason("InternalError")
        .withMessage("Internal error occurred: the embedded API server failed on this request: " + detail)
        .build();
  }
}
