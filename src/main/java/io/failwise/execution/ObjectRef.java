package io.failwise.execution;

/** A namespaced Kubernetes object an action changes. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {
  /** "ConfigMap failwise/device-routing", for messages. */
  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
