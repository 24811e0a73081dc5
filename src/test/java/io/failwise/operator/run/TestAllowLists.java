package io.failwise.operator.run;

import io.failwise.execution.SecretSource;
import io.failwise.execution.WebhookAllowList;
import io.failwise.model.security.ObjectAllowList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The allow-lists of the run tests: the samples' routing ConfigMap and gateways, and a local webhook listed explicitly. */
final class TestAllowLists {
  static final ObjectAllowList OBJECTS = ObjectAllowList.parse(List.of("ConfigMap failwise/device-routing", "Deployment.apps failwise/*-gateway"));
  static final SecretSource NO_SECRETS = (namespace, name, key) -> Optional.empty();

  private TestAllowLists() {}

  /** Only {@code prefix} (e.g. the test's provisioning server on 127.0.0.1) may be called. */
  static WebhookAllowList webhooks(String prefix) {
    return WebhookAllowList.parse(List.of(prefix), Set.of(), WebhookAllowList.systemResolver());
  }
}
