package io.failwise.operator.run;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServerTestResource;
import java.util.List;

/**
 * The application of the run integration tests: the Quarkus test API server in CRUD mode (what
 * {@code @WithKubernetesTestServer(crud = true)} starts) comes with the profile instead of with each
 * class, because a test resource restricted to its class costs every class a Quarkus boot of its own.
 * Every class with this profile shares one boot and one API server, and starts each test from
 * {@link RunsFixture#reset()}.
 */
public class RunsProfile implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KubernetesServerTestResource.class));
  }
}
