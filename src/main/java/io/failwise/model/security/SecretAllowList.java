package io.failwise.model.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which Secrets webhook actions may take credentials from: {@code NAMESPACE/NAME}, literal (no
 * patterns), so that the Roles granting {@code get} on them by {@code resourceNames} can be checked
 * against the same list. Empty: no webhook may use credentials.
 */
public final class SecretAllowList {
  public static final String SETTING = "failwise.allow.secrets";
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  /** One allowed Secret. */
  public record SecretRef(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  private final List<SecretRef> secrets;

  private SecretAllowList(List<SecretRef> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  /**
   * Parses the setting's entries.
   *
   * @throws IllegalArgumentException naming the setting, the entry and what is valid
   */
  public static SecretAllowList parse(List<String> entries) {
    List<SecretRef> refs = new ArrayList<>();
    for (String raw : entries) {
      String e = raw.trim();
      if (e.isEmpty()) {
        continue;
      }
      String[] parts = e.split("/", -1);
      if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()) {
        throw new IllegalArgumentException(SETTING + ": '" + e + "' is not NAMESPACE/NAME of a Secret (lower-case names, no patterns),"
            + " e.g. failwise/provisioning-token");
      }
      refs.add(new SecretRef(parts[0], parts[1]));
    }
    return new SecretAllowList(refs);
  }

  public List<SecretRef> secrets() {
    return secrets;
  }

  /** Why the controller may not read Secret {@code namespace/name}; empty if it may. */
  public Optional<String> refusal(String namespace, String name) {
    if (secrets.contains(new SecretRef(namespace, name))) {
      return Optional.empty();
    }
    return Optional.of("Secret " + namespace + "/" + name + " is not in " + SETTING
        + (secrets.isEmpty() ? " (empty: no webhook may use credentials)" : " (allowed: " + String.join(", ", secrets.stream().map(SecretRef::toString).toList()) + ")")
        + "; add it there and grant the controller get on it in manifests/actions/");
  }
}
