package io.failwise.model.security;

/**
 * A Kubernetes object a playbook action would change, named by its kind, API group ("" for the core
 * group), namespace and name.
 */
public record ObjectTarget(String kind, String group, String namespace, String name) {
  /** From an apiVersion such as {@code v1} or {@code apps/v1}. */
  public static ObjectTarget of(String apiVersion, String kind, String namespace, String name) {
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    return new ObjectTarget(kind, slash < 0 ? "" : apiVersion.substring(0, slash), namespace, name);
  }

  /** "ConfigMap kube-system/coredns", "Deployment.apps fleet-edge/x-gateway". */
  @Override
  public String toString() {
    return kind + (group.isEmpty() ? "" : "." + group) + " " + namespace + "/" + name;
  }
}
