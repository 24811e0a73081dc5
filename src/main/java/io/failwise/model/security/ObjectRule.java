package io.failwise.model.security;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of the allow-list of objects playbook actions may change, written as
 * {@code KIND[.GROUP] NAMESPACE/NAME [from RUN-NAMESPACE...]}, e.g. {@code ConfigMap
 * fleet-routing/device-routing from failwise} or {@code Deployment.apps fleet-edge/*-gateway}. The
 * name may use {@code *} for any characters; kind, group and namespace are literal, so that the
 * Roles that grant the rights can be generated from, or checked against, the same list. Without
 * {@code from}, only runs in the object's own namespace may change it.
 *
 * @param text the rule as written, for messages
 * @param kind e.g. ConfigMap
 * @param group API group, "" for the core group (ConfigMap, Service)
 * @param namespace the object's namespace
 * @param name the name pattern
 * @param runNamespaces namespaces whose runs may change it; "*" for any
 */
public record ObjectRule(String text, String kind, String group, String namespace, String name, List<String> runNamespaces) {
  private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9*]([-a-z0-9.*]*[a-z0-9*])?");

  public ObjectRule {
    runNamespaces = List.copyOf(runNamespaces);
  }

  /**
   * Parses one rule.
   *
   * @throws IllegalArgumentException naming what is wrong and what is valid
   */
  public static ObjectRule parse(String text) {
    String t = text == null ? "" : text.trim();
    String[] words = t.split("\\s+");
    String form = "write KIND[.GROUP] NAMESPACE/NAME [from NAMESPACE...], e.g. 'ConfigMap fleet-routing/device-routing'";
    if (words.length < 2 || (words.length > 2 && !words[2].equals("from")) || words.length == 3) {
      throw new IllegalArgumentException("'" + t + "' is not an object rule: " + form);
    }
    String kindGroup = words[0];
    int dot = kindGroup.indexOf('.');
    String kind = dot < 0 ? kindGroup : kindGroup.substring(0, dot);
    String group = dot < 0 ? "" : kindGroup.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!KIND.matcher(kind).matches() || (!group.isEmpty() && !DNS_SUBDOMAIN.matcher(group).matches())) {
      throw new IllegalArgumentException(
          "'" + t + "': '" + kindGroup + "' is not a kind: a CamelCase kind, with its API group after a dot unless it is in the core group ('ConfigMap', 'Deployment.apps')");
    }
    int slash = words[1].indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + t + "': '" + words[1] + "' must be NAMESPACE/NAME: " + form);
    }
    String namespace = words[1].substring(0, slash);
    String name = words[1].substring(slash + 1);
    if (!DNS_LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "'" + t + "': namespace '" + namespace + "' must be one literal namespace name (lower case, digits, dashes): the controller's Roles are granted per namespace");
    }
    if (!NAME_PATTERN.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + t + "': name '" + name + "' must be an object name, with * for any characters");
    }
    List<String> from = words.length > 3 ? List.of(words).subList(3, words.length) : List.of(namespace);
    for (String ns : from) {
      if (!ns.equals("*") && !DNS_LABEL.matcher(ns).matches()) {
        throw new IllegalArgumentException("'" + t + "': '" + ns + "' after 'from' must be a namespace name or *");
      }
    }
    return new ObjectRule(t, kind, group, namespace, name, from);
  }

  /** Whether the rule allows a run in {@code runNamespace} to change the object. */
  public boolean allows(String runNamespace, ObjectTarget object) {
    return covers(object) && (runNamespaces.contains("*") || runNamespaces.contains(runNamespace));
  }

  /** Whether the object is the rule's, whoever runs. */
  public boolean covers(ObjectTarget object) {
    return kind.equals(object.kind()) && group.equals(object.group()) && namespace.equals(object.namespace()) && glob(name, object.name());
  }

  /** Same kind and group: the rules a refusal names as the nearest ones. */
  boolean sameKind(ObjectTarget object) {
    return kind.equals(object.kind()) && group.equals(object.group());
  }

  /** Whether {@code name} matches {@code pattern}, where * stands for any characters. */
  static boolean glob(String pattern, String name) {
    String[] parts = pattern.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return name != null && Pattern.matches(regex.toString(), name);
  }
}
