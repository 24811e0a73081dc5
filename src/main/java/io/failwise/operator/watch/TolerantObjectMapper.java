package io.failwise.operator.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Makes the controller's Kubernetes client read Failwise objects tolerantly ({@link TolerantCustomResources}). */
@Singleton
public class TolerantObjectMapper implements KubernetesClientObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper objectMapper) {
    objectMapper.registerModule(new TolerantCustomResources());
  }
}
