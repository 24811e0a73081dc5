package io.failwise.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.Cluster;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;

/**
 * The annotation that marks a Cluster a run holds, {@value #ANNOTATION}: "incident as its source". The
 * admission policy {@code manifests/protection/held-cluster.yaml} refuses to delete a Cluster that
 * carries it and names the run. A Cluster deleted mid-failover went at once: the run then read its
 * signals as Unknown and judged the end against a cluster that no longer existed, and the fleet's
 * totals lost its devices.
 *
 * <p>A run writes the annotation on its source and target when it takes them and takes it off when it
 * frees them, only where it names that run: a run's late release never frees another's hold. A
 * controller that stops between the two leaves it behind; the refusal says how to take it off.
 */
public final class ClusterProtection {
  public static final String ANNOTATION = "failwise.io/held-by";

  private ClusterProtection() {}

  /** "incident as its source". */
  static String value(String run, SourceLedger.Role role) {
    return run + " as its " + (role == SourceLedger.Role.TARGET ? "target" : "source");
  }

  /** The annotation on {@code cluster}, if any. */
  public static Optional<String> holder(Cluster cluster) {
    Map<String, String> a = cluster.getMetadata().getAnnotations();
    return Optional.ofNullable(a == null ? null : a.get(ANNOTATION));
  }

  /** Whether the annotation names {@code run}. */
  static boolean names(String value, String run) {
    return value != null && value.startsWith(run + " as its ");
  }

  /** Writes {@code value} on the cluster unless it is there already or the cluster is gone. */
  static void protect(KubernetesClient client, String namespace, String name, String value) {
    mark(client, namespace, name, c -> !value.equals(holder(c).orElse(null)), value);
  }

  /** Takes the annotation off the cluster where it names {@code run}. */
  static void release(KubernetesClient client, String namespace, String name, String run) {
    mark(client, namespace, name, c -> names(holder(c).orElse(null), run), null);
  }

  /**
   * Sets the annotation to {@code value} (null: takes it off) if {@code needed} says so of the cluster as
   * read: one read and one merge patch of the annotation alone.
   */
  private static void mark(KubernetesClient client, String namespace, String name, java.util.function.Predicate<Cluster> needed, String value) {
    var resource = client.resources(Cluster.class).inNamespace(namespace).withName(name);
    try {
      Cluster c = resource.get();
      if (c != null && needed.test(c)) {
        var patch = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().createObjectNode();
        patch.putObject("metadata").putObject("annotations").put(ANNOTATION, value);
        resource.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            patch.toString());
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
    }
  }
}
