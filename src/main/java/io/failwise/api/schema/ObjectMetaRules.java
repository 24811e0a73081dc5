package io.failwise.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What kube-apiserver refuses in an object's metadata, whatever its kind: a name that is not a DNS
 * subdomain ({@link CrdSchema#validate} checks it on every write), label keys and values, fields
 * ObjectMeta does not have (the embedded server's admission checks these two as well), and, for the
 * offline commands, a namespace (on a server the request's path gives it).
 */
public final class ObjectMetaRules {
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private ObjectMetaRules() {}

  /** What kube-apiserver checks of metadata for every custom resource: a DNS subdomain name. */
  static void name(ObjectNode object, List<FieldError> errors) {
    JsonNode meta = object.path("metadata");
    String name = meta.path("name").asText("");
    if (name.isEmpty()) {
      if (meta.path("generateName").asText("").isEmpty()) {
        errors.add(new FieldError("metadata.name", FieldError.Type.REQUIRED, null, "name or generateName is required"));
      }
    } else if (!isName(name)) {
      errors.add(new FieldError("metadata.name", FieldError.Type.INVALID, FieldError.quote(name), NAME_RULE));
    }
  }

  /** What kube-apiserver says of a name that is not a DNS subdomain. */
  private static final String NAME_RULE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and"
          + " end with an alphanumeric character (e.g. 'example.com', regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  private static final java.util.Set<String> SUBDOMAIN_NAMED =
      java.util.Set.of("ConfigMap", "Secret", "Lease", "Event", "Deployment", "ServiceAccount");

  private static boolean isName(String name) {
    return name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
  }

  /**
   * What kube-apiserver refuses in a built-in kind's metadata: label keys and values, on every kind, and
   * a name that is not a DNS subdomain of at most 253 characters, on the kinds named so (ConfigMap,
   * Secret, Lease, Event, Deployment, ServiceAccount; RBAC's names, for one, may hold a colon). The embedded
   * server's admission checks it on every write of a kind without a CRD schema.
   */
  public static List<FieldError> builtIn(JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode meta = object.path("metadata");
    String name = meta.path("name").asText("");
    if (!name.isEmpty() && SUBDOMAIN_NAMED.contains(object.path("kind").asText("")) && !isName(name)) {
      errors.add(new FieldError("metadata.name", FieldError.Type.INVALID, FieldError.quote(name), NAME_RULE));
    }
    if (meta.isObject()) {
      errors.addAll(labels(meta));
    }
    return errors;
  }

  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern LABEL_NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
  private static final java.util.Set<String> OBJECT_META = java.util.Set.of("name", "generateName", "namespace", "labels", "annotations",
      "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "finalizers",
      "ownerReferences", "managedFields", "selfLink");

  /**
   * The rest of what kube-apiserver refuses in metadata, for the offline commands: the name (as
   * {@link CrdSchema#validate} checks it), a namespace that is neither "" nor an RFC 1123 label, label keys and values it would
   * refuse, and fields ObjectMeta does not have.
   */
  public static List<FieldError> errors(JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    if (object instanceof ObjectNode o) {
      name(o, errors);
    }
    JsonNode meta = object.path("metadata");
    if (!meta.isObject()) {
      return errors;
    }
    unknownFields(meta).forEach(f -> errors.add(new FieldError(f, FieldError.Type.INVALID, null, "unknown field: ObjectMeta has name,"
        + " namespace, labels, annotations, generateName, finalizers, ownerReferences and the fields the API server sets")));
    JsonNode ns = meta.path("namespace");
    // "" is no namespace, as kube-apiserver reads it (templates often render a cluster-scoped object so)
    if (!ns.isMissingNode() && !ns.isNull() && !(ns.isTextual() && ns.asText().isEmpty())) {
      String n = ns.asText("");
      if (!ns.isTextual() || n.length() > 63 || !DNS_LABEL.matcher(n).matches()) {
        errors.add(new FieldError("metadata.namespace", FieldError.Type.INVALID, FieldError.render(ns), "a lowercase RFC 1123 label of at most 63"
            + " characters: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character (e.g. 'failwise',"
            + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
      }
    }
    errors.addAll(labels(meta));
    return errors;
  }

  /** Fields of {@code metadata} that ObjectMeta does not have, as paths ("metadata.lables"). */
  public static List<String> unknownFields(JsonNode meta) {
    List<String> unknown = new ArrayList<>();
    meta.fieldNames().forEachRemaining(f -> {
      if (!OBJECT_META.contains(f)) {
        unknown.add("metadata." + f);
      }
    });
    return unknown;
  }

  /** Label keys and values kube-apiserver refuses, on every write of every kind. */
  public static List<FieldError> labels(JsonNode meta) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode labels = meta.path("labels");
    if (labels.isObject()) {
      labels.fields().forEachRemaining(e -> {
        String key = e.getKey();
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        if ((prefix != null && (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()))
            || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
          errors.add(new FieldError("metadata.labels", FieldError.Type.INVALID, FieldError.quote(key), "a label key is an optional prefix (a"
              + " lowercase DNS subdomain of at most 253 characters, e.g. 'failwise.io') and '/', then a name of at most 63 characters:"
              + " alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character (e.g. 'failwise.io/policy-group')"));
        }
        String v = e.getValue().isTextual() ? e.getValue().asText() : null;
        if (v == null || (!v.isEmpty() && (v.length() > 63 || !LABEL_NAME.matcher(v).matches()))) {
          errors.add(new FieldError("metadata.labels." + key, FieldError.Type.INVALID, FieldError.render(e.getValue()), "a label value is empty or"
              + " a string of at most 63 characters: alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character"));
        }
      });
    } else if (!labels.isMissingNode() && !labels.isNull()) {
      errors.add(new FieldError("metadata.labels", FieldError.Type.INVALID, FieldError.render(labels), "must be a map of label keys to string values"));
    }
    return errors;
  }
}
