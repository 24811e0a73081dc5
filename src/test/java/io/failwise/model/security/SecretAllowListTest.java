package io.failwise.model.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretAllowListTest {
  @Test
  void onlyListedSecretsByExactNamespaceAndName() {
    SecretAllowList allow = SecretAllowList.parse(List.of(" failwise/provisioning-token ", "", "fleet-edge/edge.token"));
    assertEquals(Optional.empty(), allow.refusal("failwise", "provisioning-token"));
    assertEquals(Optional.empty(), allow.refusal("fleet-edge", "edge.token"));
    assertEquals(Optional.of("Secret kube-system/provisioning-token is not in failwise.allow.secrets (allowed: failwise/provisioning-token,"
            + " fleet-edge/edge.token); add it there and grant the controller get on it in manifests/actions/"),
        allow.refusal("kube-system", "provisioning-token"));
    assertEquals(Optional.of("Secret failwise/x is not in failwise.allow.secrets (empty: no webhook may use credentials); add it there and grant"
        + " the controller get on it in manifests/actions/"), SecretAllowList.parse(List.of()).refusal("failwise", "x"));
  }

  @Test
  void anEntryThatIsNotNamespaceSlashNameIsRefusedNamingTheSetting() {
    for (String bad : List.of("provisioning-token", "failwise/*", "failwise/Token", "a/b/c", "/token")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretAllowList.parse(List.of(bad)), bad);
      assertEquals("failwise.allow.secrets: '" + bad + "' is not NAMESPACE/NAME of a Secret (lower-case names, no patterns), e.g."
          + " failwise/provisioning-token", e.getMessage());
    }
  }
}
