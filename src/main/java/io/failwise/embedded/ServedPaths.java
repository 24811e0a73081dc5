package io.failwise.embedded;

import io.fabric8.kubernetes.api.model.APIResource;
import java.util.List;
import java.util.Map;

/**
 * Whether a request names a resource the server serves: a built-in one listed in discovery, or one a CRD
 * installed here defines. fabric8's mock server answers any path, so a GET of
 * {@code /apis/failwise.io/v1alpha1/namespaces/failwise/clustres} was an empty list (200) and a POST there
 * stored an object no client could find again; kube-apiserver answers 404. A server with no CRD installed
 * (a bare one some tests start to store objects without their schemas) answers any path, as fabric8's does.
 */
final class ServedPaths {
  /** Whether a CRD installed here serves {@code group/version/plural}. */
  interface Crds {
    boolean serve(String group, String version, String plural);

    /** Whether any CRD is installed: a bare server (tests that store runs without their CRDs) is left as fabric8's. */
    boolean any();
  }

  private ServedPaths() {}

  /**
   * False when {@code path} names a collection or an object (with or without a subresource) of a resource
   * that is not served; true for every other path, which other code answers.
   */
  static boolean served(String path, Map<String, List<APIResource>> builtIn, Crds crds) {
    if (!crds.any()) {
      return true;
    }
    String[] parts = path.split("\\?")[0].split("/");
    boolean core = parts.length > 2 && "api".equals(parts[1]) && "v1".equals(parts[2]);
    boolean named = parts.length > 3 && "apis".equals(parts[1]);
    if (!core && !named) {
      return true;
    }
    int at = core ? 3 : 4;
    if (parts.length <= at) {
      return true; // a group version: discovery
    }
    boolean namespaceSubresource = core && parts.length == at + 3 && List.of("status", "finalize").contains(parts[at + 2]);
    if (parts.length > at + 2 && "namespaces".equals(parts[at]) && !namespaceSubresource) {
      at += 2; // /namespaces/NS/PLURAL...; /namespaces/NS (and its status) is the namespace
    }
    String plural = parts[at];
    String groupVersion = core ? "v1" : parts[2] + "/" + parts[3];
    List<APIResource> listed = builtIn.get(groupVersion);
    if (listed != null) {
      return listed.stream().anyMatch(r -> r.getName().equals(plural));
    }
    return core || crds.serve(parts[2], parts[3], plural);
  }
}
