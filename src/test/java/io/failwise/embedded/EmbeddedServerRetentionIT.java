package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

/** The embedded server serves as before but keeps no record of the requests it served. */
class EmbeddedServerRetentionIT {
  @Test
  void servesTwoThousandRequestsAndHoldsNoneOfThem() throws Exception {
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      var client = server.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("n").endMetadata().build()).create();
      for (int i = 0; i < 1_000; i++) {
        client.configMaps().inNamespace("n")
            .resource(new ConfigMapBuilder().withNewMetadata().withName("c" + i).endMetadata().addToData("i", "" + i).build())
            .create();
        ConfigMap read = client.configMaps().inNamespace("n").withName("c" + i).get();
        assertEquals(String.valueOf(i), read.getData().get("i"), "what was created is served back");
      }
      assertEquals(1_000, client.configMaps().inNamespace("n").list().getItems().size());
      assertEquals(0, server.retainedRequests(), "served requests are not kept once the next one arrives");
    }
  }
}
