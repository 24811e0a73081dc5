package io.failwise.embedded;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in group versions the embedded server serves discovery for, and the resources Failwise
 * (and a person with kubectl) touch in them, with the short names a real API server announces, so
 * that {@code kubectl get cm} or {@code kubectl get deploy} work as on a cluster.
 */
final class BuiltInResources {
  static final Map<String, List<APIResource>> BY_GROUP_VERSION = new LinkedHashMap<>();

  static {
    BY_GROUP_VERSION.put(
        "v1",
        List.of(
            resource("namespaces", "Namespace", false, "ns"),
            resource("configmaps", "ConfigMap", true, "cm"),
            resource("secrets", "Secret", true),
            resource("services", "Service", true, "svc"),
            resource("serviceaccounts", "ServiceAccount", true, "sa"),
            resource("events", "Event", true, "ev"),
            resource("pods", "Pod", true, "po")));
    BY_GROUP_VERSION.put(
        "apps/v1", List.of(resource("deployments", "Deployment", true, "deploy"), resource("statefulsets", "StatefulSet", true, "sts")));
    BY_GROUP_VERSION.put("coordination.k8s.io/v1", List.of(resource("leases", "Lease", true)));
    BY_GROUP_VERSION.put("events.k8s.io/v1", List.of(resource("events", "Event", true, "ev")));
    BY_GROUP_VERSION.put(
        "apiextensions.k8s.io/v1", List.of(resource("customresourcedefinitions", "CustomResourceDefinition", false, "crd", "crds")));
    BY_GROUP_VERSION.put(
        "rbac.authorization.k8s.io/v1",
        List.of(resource("clusterroles", "ClusterRole", false), resource("clusterrolebindings", "ClusterRoleBinding", false)));
  }

  private BuiltInResources() {}

  static APIResource resource(String plural, String kind, boolean namespaced, String... shortNames) {
    return new APIResourceBuilder()
        .withName(plural)
        .withKind(kind)
        .withNamespaced(namespaced)
        .withShortNames(shortNames)
        .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
        .build();
  }
}
