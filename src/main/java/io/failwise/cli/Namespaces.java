package io.failwise.cli;

import io.fabric8.kubernetes.client.KubernetesClient;

/** The namespace a command acts in, as kubectl picks it: -n, else the kubeconfig's, else default. */
public final class Namespaces {
  private Namespaces() {}

  public static String effective(KubernetesClient client, String namespace) {
    if (namespace != null) {
      return namespace;
    }
    return client.getNamespace() != null ? client.getNamespace() : "default";
  }
}
