package io.failwise.operator.policy;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServerTestResource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Policies against the runs' real guards: a budget of one failover a day (so one recorded failover
 * spends it), a freeze window on 1 January 2031 (which the test enters by moving the clock), and a
 * clock the test can move.
 */
public class PolicyProfile implements QuarkusTestProfile {
  static final String FREEZE = "new-year-2031=2031-01-01T00:00:00Z/2031-01-02T00:00:00Z";

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(ShiftedClock.class);
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "failwise.runs.budget.failovers-per-day", "1",
        "failwise.runs.freeze.windows", FREEZE,
        "failwise.poll-interval", "500ms");
  }

  /** The test API server in CRUD mode comes with the profile: the classes of the profile share one boot (docs/testing.md). */
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KubernetesServerTestResource.class));
  }
}
