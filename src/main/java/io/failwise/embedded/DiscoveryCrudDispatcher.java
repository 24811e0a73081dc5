package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.execution.MergePatch;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fabric8's CRUD dispatcher plus the discovery answers ({@code /version}, {@code /api}, {@code /apis},
 * the built-in group versions and {@code /openapi/v3}) that kubectl needs before it sends a single request.
 */
class DiscoveryCrudDispatcher extends IndexedCrudDispatcher {
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  /** Built-in group versions and the resources Failwise (and kubectl users) touch in them. */
  private static final Map<String, List<APIResource>> BUILT_IN = BuiltInResources.BY_GROUP_VERSION;

  private final SchemaAdmission admission = new SchemaAdmission();
  /** The request being served on this thread: writes reach processEvent without it. */
  private final ThreadLocal<SchemaAdmission.FieldValidation> fieldValidation = new ThreadLocal<>();
  private final ThreadLocal<List<String>> warnings = new ThreadLocal<>();
  /** The resourceVersion the PUT or PATCH being served names, checked under the dispatcher's write lock. */
  private final ThreadLocal<String> expectedVersion = new ThreadLocal<>();
  /** The object as the write being served on this thread left it in the store ({@link WriteAnswers}). */
  private final ThreadLocal<String[]> written = new ThreadLocal<>();

  /** Every write (create, update, patch, status) passes here with the whole new object: check it first. */
  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes, GenericKubernetesResource resource, String newState) {
    String oldState = oldAttributes == null ? null : map.get(oldAttributes);
    String expected = expectedVersion.get();
    if (expected != null && oldState != null && !expected.equals(ResourceVersionCheck.stored(oldState))) {
      throw new SchemaAdmission.Refused(ObjectStatuses.conflict(path));
    }
    SchemaAdmission.FieldValidation mode = fieldValidation.get();
    SchemaAdmission.Admitted admitted = admission.admit(oldState, newState, mode == null ? SchemaAdmission.FieldValidation.WARN : mode);
    if (!admitted.warnings().isEmpty() && warnings.get() != null) {
      warnings.get().addAll(admitted.warnings());
    }
    String state = WriteAnswers.settled(oldState, admitted.state());
    if (state == null || !state.equals(oldState)) { // else stored already: kube-apiserver sends no event
      super.processEvent(path, pathAttributes, oldAttributes, resource, state);
    }
    if (written.get() != null) {
      written.get()[0] = state;
    }
  }

  /**
   * A merge patch (and a strategic one, on the built-in resources that take it) as kube-apiserver
   * applies it (RFC 7386, {@link MergePatch}): lists replaced, {@code null} removing the field.
   * fabric8's mock server merges with Jackson's readerForUpdating instead, which appends the patch's list
   * to the stored one and stores the {@code null}: {@code kubectl apply} of a Cluster whose targets
   * changed would have doubled them.
   */
  @Override
  public JsonNode merge(JsonNode existing, String patch) throws KubernetesCrudDispatcherException {
    JsonNode body;
    try {
      body = Serialization.jsonMapper().readTree(patch);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new KubernetesCrudDispatcherException("the patch is not valid JSON: " + e.getOriginalMessage(), 400);
    }
    if (body == null || !body.isObject()) {
      // RFC 7386 would replace the whole object with it: not an object kube-apiserver could store
      throw new KubernetesCrudDispatcherException("a merge patch of an object must be a JSON object, got " + (body == null ? "nothing" : body.getNodeType().name().toLowerCase(java.util.Locale.ROOT)), 400);
    }
    return MergePatch.apply(existing, body);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String full = request.getPath() == null ? "" : request.getPath();
    if (RequestBodies.PROTOBUF.equals(RequestBodies.mediaType(request)) && ("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod()))) {
      // kubectl create configmap (secret, namespace) sends protobuf: served as the same object in JSON
      byte[] json;
      try {
        json = ProtobufBodies.toJsonBytes(request.getBody() == null ? null : request.getBody().getBytes());
      } catch (ProtobufBodies.Undecodable e) {
        return status(RequestBodies.unsupportedMediaType(RequestBodies.PROTOBUF, e.getMessage()));
      }
      MockResponse response = dispatch(ServerSideApply.request(io.fabric8.mockwebserver.dsl.HttpMethod.valueOf(request.getMethod()), full, "application/json", json));
      // fabric8's answer names no type, and a client that sent protobuf reads an unnamed answer as protobuf
      if (response.getHeaders().get("Content-Type") == null) {
        response.setHeader("Content-Type", "application/json");
      }
      return response;
    }
    java.util.Optional<io.fabric8.kubernetes.api.model.Status> unreadable = RequestBodies.unsupported(request);
    if (unreadable.isPresent()) {
      return status(unreadable.get());
    }
    java.util.Optional<io.fabric8.kubernetes.api.model.Status> turnedAway = Selectors.refusal(full).or(() -> "DELETE".equals(request.getMethod())
        ? DeleteAdmission.packaged().refusal(full, this::handleGet, this::handleDelete) : java.util.Optional.empty());
    if (turnedAway.isPresent()) {
      return status(turnedAway.get());
    }
    if ("PATCH".equals(request.getMethod()) && isStrategicOnCustomResource(request, full)) {
      return status(RequestBodies.UNSUPPORTED_PATCH);
    }
    if ("PATCH".equals(request.getMethod()) && RequestBodies.isJsonPatch(request)) {
      java.util.Optional<io.fabric8.kubernetes.api.model.Status> refused = JsonPatches.refusal(handleGet(full.split("\\?")[0]), peekBody(request));
      if (refused.isPresent()) {
        return status(refused.get());
      }
    }
    if ("PATCH".equals(request.getMethod()) && RequestBodies.isStrategicMergePatch(request)) {
      // fabric8's dispatcher takes JSON and merge patches only (415 otherwise): kubectl apply of a
      // changed ConfigMap or Deployment would fail. Merged here, then stored as the merge patch it amounts to.
      return strategicAsMerge(request, full);
    }
    if (ServerSideApply.is(request)) {
      try {
        boolean exists = handleGet(ServerSideApply.objectPath(request)).code() == 200;
        return ServerSideApply.serve(exists, e -> dispatch(ServerSideApply.translate(request, e)));
      } catch (SchemaAdmission.Refused refused) {
        return status(refused.status());
      }
    }
    fieldValidation.set(SchemaAdmission.FieldValidation.of(full.contains("?") ? full.substring(full.indexOf('?') + 1) : null));
    warnings.set(new java.util.ArrayList<>());
    String method = request.getMethod();
    expectedVersion.set(ResourceVersionCheck.expected(method, peekBody(request)).orElse(null));
    String created = "POST".equals(method) ? ObjectStatuses.createdName(peekBody(request)) : ""; // before the CRUD dispatcher drains the body
    written.set(new String[1]);
    try {
      MockResponse served = serve(request);
      java.util.Optional<io.fabric8.kubernetes.api.model.Status> inKubesWords = ObjectStatuses.of(method, full, created, served);
      if (inKubesWords.isPresent()) {
        return status(inKubesWords.get());
      }
      MockResponse response = WriteAnswers.answer(method, served, written.get()[0]);
      warnings.get().forEach(w -> response.addHeader("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\""));
      return response;
    } catch (SchemaAdmission.Refused refused) {
      return status(refused.status());
    } finally {
      fieldValidation.remove();
      warnings.remove();
      expectedVersion.remove();
      written.remove();
    }
  }

  /** kube-apiserver's answer to a path it does not serve. */
  private static final io.fabric8.kubernetes.api.model.Status NOT_FOUND =
      new io.fabric8.kubernetes.api.model.StatusBuilder()
          .withStatus("Failure")
          .withCode(404)
          .withReason("NotFound")
          .withMessage("the server could not find the requested resource")
          .build();


  /** A strategic merge patch of a built-in object, served as the merge patch from the stored object to the merged one. */
  private MockResponse strategicAsMerge(RecordedRequest request, String full) {
    MockResponse stored = handleGet(full.split("\\?")[0]);
    if (stored.code() != 200) {
      return stored;
    }
    JsonNode before = Serialization.unmarshal(new String(stored.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
    JsonNode patch;
    try {
      patch = Serialization.jsonMapper().readTree(peekBody(request));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return status(badRequest("the strategic merge patch is not valid JSON: " + e.getMessage()));
    }
    if (patch == null || !patch.isObject()) {
      return status(badRequest("a strategic merge patch of an object must be a JSON object"));
    }
    JsonNode merged = StrategicMergePatch.apply(before, patch);
    byte[] body = StrategicMergePatch.diff(before, merged).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return dispatch(ServerSideApply.request(io.fabric8.mockwebserver.dsl.HttpMethod.PATCH, full, "application/merge-patch+json", body));
  }

  private static io.fabric8.kubernetes.api.model.Status badRequest(String message) {
    return new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure").withCode(400).withReason("BadRequest").withMessage(message).build();
  }

  /** A strategic merge patch (kubectl patch's default type) to a resource a CRD defines. */
  private boolean isStrategicOnCustomResource(RecordedRequest request, String full) {
    if (!RequestBodies.isStrategicMergePatch(request)) {
      return false;
    }
    String groupVersion = ServerSideApply.apiVersionOf(full.split("\\?")[0]);
    // The core group (v1) has no CRDs; a group/version of /apis/ does when customResources lists some.
    return groupVersion != null && groupVersion.contains("/") && !customResources(groupVersion).isEmpty();
  }

  /** The body, left in place for the CRUD dispatcher (reading it with getUtf8Body would empty it). */
  private static String peekBody(RecordedRequest request) {
    return request.getBody() == null ? null : new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static MockResponse status(io.fabric8.kubernetes.api.model.Status status) {
    return new MockResponse()
        .setResponseCode(status.getCode())
        .setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(status));
  }

  private MockResponse serve(RecordedRequest request) {
    String path = request.getPath() == null ? "" : request.getPath().split("\\?")[0];
    if ("GET".equals(request.getMethod())) {
      switch (path) {
        case "/version":
          return json(Map.of("major", "1", "minor", "33", "gitVersion", "v1.33.0-failwise-embedded", "platform", "linux/amd64"));
        case "/api":
          return json(new APIVersionsBuilder().withVersions("v1").build());
        case "/apis":
          return json(groups());
        case OpenApiV3.PREFIX:
          return json(new OpenApiV3(BUILT_IN, crds()).index());
        case "/openapi/v2":
          // Served only as protobuf by kube-apiserver; kubectl reads v3 when it is there.
          return status(NOT_FOUND);
        default:
          if (path.startsWith(OpenApiV3.PREFIX + "/")) {
            return new OpenApiV3(BUILT_IN, crds()).document(path).map(DiscoveryCrudDispatcher::json).orElseGet(() -> status(NOT_FOUND));
          }
          String gv = path.startsWith("/api/") ? path.substring(5) : path.startsWith("/apis/") ? path.substring(6) : null;
          if (gv != null && BUILT_IN.containsKey(gv)) {
            return json(new APIResourceListBuilder().withGroupVersion(gv).withResources(BUILT_IN.get(gv)).build());
          }
          if (gv != null && path.startsWith("/apis/") && gv.split("/").length == 2) {
            List<APIResource> custom = customResources(gv);
            if (!custom.isEmpty()) {
              return json(new APIResourceListBuilder().withGroupVersion(gv).withResources(custom).build());
            }
          }
      }
    }
    if ("POST".equals(request.getMethod()) && AccessReviews.RULES_REVIEWS.equals(path)) {
      return json(AccessReviews.answer(request.getUtf8Body()));
    }
    String accept = request.getHeader("Accept");
    if ("GET".equals(request.getMethod()) && EventQueries.isEventList(path) && !request.getPath().contains("watch=true")) {
      return events(request.getPath(), path, accept != null && accept.contains("as=Table"));
    }
    if (!ServedPaths.served(path, BUILT_IN, admission.crds())) {
      return status(NOT_FOUND);
    }
    MockResponse response = super.dispatch(StatusWrites.withoutQuery(request));
    if ("GET".equals(request.getMethod()) && accept != null && accept.contains("as=Table") && response.code() == 200) {
      return asTable(request.getPath(), response);
    }
    return response;
  }

  /** Events filtered by any field selector, as a Table with kubectl's columns when asked for one. */
  private MockResponse events(String pathAndQuery, String path, boolean asTable) {
    MockResponse all = super.handleGet(path);
    if (all.code() != 200) {
      return all;
    }
    JsonNode list = EventQueries.asEventList(
        Serialization.unmarshal(new String(all.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8), JsonNode.class), path);
    JsonNode selected = EventQueries.fieldSelector(pathAndQuery).map(terms -> EventQueries.filter(list, terms)).orElse(list);
    if (asTable) {
      List<JsonNode> items = new java.util.ArrayList<>();
      selected.path("items").forEach(items::add);
      var table = EventQueries.table(items, java.time.Instant.now(), PrinterColumns.fullObjects(pathAndQuery));
      String version = list.path("metadata").path("resourceVersion").asText("");
      if (!version.isEmpty()) {
        table.putObject("metadata").put("resourceVersion", version); // kubectl -w watches from it
      }
      return json(table);
    }
    return json(selected);
  }

  /** kubectl asks for Tables; answer with the CRD's printer columns for Failwise resources. */
  private MockResponse asTable(String pathAndQuery, MockResponse response) {
    JsonNode body =
        Serialization.unmarshal(new String(response.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
    return PrinterColumns.table(crds(), pathAndQuery, body, java.time.Instant.now()).map(DiscoveryCrudDispatcher::json).orElse(response);
  }

  /** How the events of the streamed watch {@code request} are written ({@link PrinterColumns#watchEvents}). */
  java.util.function.UnaryOperator<String> watchEvents(RecordedRequest request) {
    return PrinterColumns.watchEvents(crds(), request.getPath() == null ? "" : request.getPath(), request.getHeader("Accept"));
  }

  /** The resources (and their status subresources) that installed CRDs serve in a group version. */
  private List<APIResource> customResources(String groupVersion) {
    List<APIResource> resources = new java.util.ArrayList<>();
    for (JsonNode crd : crds()) {
      JsonNode spec = crd.path("spec");
      for (JsonNode v : spec.path("versions")) {
        if (!groupVersion.equals(spec.path("group").asText() + "/" + v.path("name").asText())) {
          continue;
        }
        JsonNode names = spec.path("names");
        boolean namespaced = "Namespaced".equals(spec.path("scope").asText());
        List<String> shortNames = new java.util.ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        resources.add(
            new APIResourceBuilder(resource(names.path("plural").asText(), names.path("kind").asText(), namespaced))
                .withSingularName(names.path("singular").asText())
                .withShortNames(shortNames)
                .withCategories("failwise")
                .build());
        if (v.path("subresources").has("status")) {
          resources.add(
              new APIResourceBuilder()
                  .withName(names.path("plural").asText() + "/status")
                  .withKind(names.path("kind").asText())
                  .withNamespaced(namespaced)
                  .withVerbs("get", "patch", "update")
                  .build());
        }
      }
    }
    return resources;
  }

  private List<JsonNode> crds() {
    MockResponse crds = super.handleGet(CRDS);
    List<JsonNode> items = new java.util.ArrayList<>();
    if (crds.code() == 200) {
      Serialization.unmarshal(new String(crds.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8), JsonNode.class)
          .path("items")
          .forEach(items::add);
    }
    return items;
  }

  private Object groups() {
    Map<String, List<String>> versions = new LinkedHashMap<>();
    BUILT_IN.keySet().stream()
        .filter(gv -> gv.contains("/"))
        .forEach(gv -> versions.computeIfAbsent(gv.split("/")[0], g -> new java.util.ArrayList<>()).add(gv.split("/")[1]));
    {
      for (JsonNode crd : crds()) {
        String group = crd.path("spec").path("group").asText();
        for (JsonNode v : crd.path("spec").path("versions")) {
          List<String> vs = versions.computeIfAbsent(group, g -> new java.util.ArrayList<>());
          if (!vs.contains(v.path("name").asText())) {
            vs.add(v.path("name").asText());
          }
        }
      }
    }
    var list = new APIGroupListBuilder();
    versions.forEach(
        (group, vs) ->
            list.addToGroups(
                new APIGroupBuilder()
                    .withName(group)
                    .withVersions(vs.stream().map(v -> new GroupVersionForDiscoveryBuilder().withGroupVersion(group + "/" + v).withVersion(v).build()).toList())
                    .withPreferredVersion(new GroupVersionForDiscoveryBuilder().withGroupVersion(group + "/" + vs.get(0)).withVersion(vs.get(0)).build())
                    .build()));
    return list.build();
  }

  private static APIResource resource(String plural, String kind, boolean namespaced) {
    return new APIResourceBuilder()
        .withName(plural)
        .withKind(kind)
        .withNamespaced(namespaced)
        .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
        .build();
  }

  private static MockResponse json(Object body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(body));
  }
}
