package io.failwise.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.Cluster;
import java.net.HttpURLConnection;
import java.util.HashMap;
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
    edit(client, namespace, name, c -> !value.equals(holder(c).orElse(null)), a -> a.put(ANNOTATION, value));
  }

  /** Takes the annotation off the cluster where it names {@code run}. */
  static void release(KubernetesClient client, String namespace, String name, String run) {
    edit(client, namespace, name, c -> names(holder(c).orElse(null), run), a -> a.remove(ANNOTATION));
  }

  private static void edit(KubernetesClient client, String namespace, String name, java.util.function.Predicate<Cluster> needed,
      java.util.function.Consumer<Map<String, String>> change) {
    var resource = client.resources(Cluster.class).inNamespace(namespace).withName(name);
    try {
      Optional.ofNullable(resource.get()).filter(needed).ifPresent(c -> resource.edit(x -> {
        Map<String, String> annotations = new HashMap<>(x.getMetadata().getAnnotations() == null ? Map.of() : x.getMetadata().getAnnotations());
        change.accept(annotations);
        x.getMetadata().setAnnotations(annotations);
        return x;
      }));
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
    }
  }
}
