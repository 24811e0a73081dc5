package io.failwise.operator;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServerTestResource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Integration tests that replay backfilled Prometheus data: the clock is set by the test, the
 * controller reads the signals every 10 ms of wall time (each reconcile reads what is new by the data
 * clock), and failing servers are given up on and retried quickly.
 */
public class ReplayProfile implements QuarkusTestProfile {
  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(ReplayClock.class);
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "failwise.poll-interval", "10ms",
        "failwise.signals.timeout", "1s",
        "failwise.signals.max-attempts", "2",
        "failwise.signals.retry-backoff", "50ms",
        "failwise.signals.circuit-open-for", "1s");
  }

  /** The test API server in CRUD mode comes with the profile: the classes of the profile share one boot (docs/testing.md). */
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KubernetesServerTestResource.class));
  }
}
