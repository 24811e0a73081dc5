package io.failwise.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServerTestResource;
import java.util.List;

/**
 * The controller as configured for tests, on the Quarkus test API server in CRUD mode, shared by the
 * classes of this profile: one boot for all of them instead of one each, as a server of
 * {@code @WithKubernetesTestServer} is tied to its class (docs/testing.md). Each class keeps to names
 * of its own (namespaces, Regions), so what one leaves does not reach another's assertions.
 */
public class ControllerOnTestServer implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KubernetesServerTestResource.class));
  }
}
