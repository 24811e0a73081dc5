package io.failwise.embedded;

import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Writes to a status subresource as kube-apiserver takes them, whatever their query: fabric8's CRUD
 * dispatcher tells a status write only by a path that ends in {@code /status}, and kubectl sends
 * {@code PATCH .../status?fieldManager=kubectl-patch}, which it then served as a write of the object
 * (status left as it was): 200, "patched (no change)", nothing stored.
 */
final class StatusWrites {
  private StatusWrites() {}

  /**
   * The request with its query left out when it writes a status subresource (the query's fieldManager
   * and fieldValidation are read before this; fabric8 reads none of them); any other request as it is.
   */
  static RecordedRequest withoutQuery(RecordedRequest request) {
    String full = request.getPath();
    if (full == null || !full.contains("?") || "GET".equals(request.getMethod()) || "DELETE".equals(request.getMethod())) {
      return request;
    }
    String path = full.substring(0, full.indexOf('?'));
    if (!path.endsWith("/status")) {
      return request;
    }
    Buffer body = request.getBody() == null ? null : new Buffer(request.getBody().getBytes());
    return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(), body);
  }
}
