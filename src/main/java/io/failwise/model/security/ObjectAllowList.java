package io.failwise.model.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The objects playbook actions may change, as the controller's owner wrote them
 * ({@code failwise.allow.objects}). Everything not listed is refused, including objects in the run's
 * own namespace: a person who may create runs borrows only what the owner allowed.
 */
public final class ObjectAllowList {
  /** The setting that holds the rules, for messages. */
  public static final String SETTING = "failwise.allow.objects";

  private final List<ObjectRule> rules;

  public ObjectAllowList(List<ObjectRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Parses rules as written in the setting.
   *
   * @throws IllegalArgumentException naming the setting, the rule and what is valid
   */
  public static ObjectAllowList parse(List<String> texts) {
    List<ObjectRule> rules = new ArrayList<>();
    for (String t : texts) {
      if (t == null || t.isBlank()) {
        continue;
      }
      try {
        rules.add(ObjectRule.parse(t));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(SETTING + ": " + e.getMessage(), e);
      }
    }
    return new ObjectAllowList(rules);
  }

  public List<ObjectRule> rules() {
    return rules;
  }

  /** Why a run in {@code runNamespace} may not change {@code object}; empty if a rule allows it. */
  public Optional<String> refusal(String runNamespace, ObjectTarget object) {
    if (rules.stream().anyMatch(r -> r.allows(runNamespace, object))) {
      return Optional.empty();
    }
    List<ObjectRule> covering = rules.stream().filter(r -> r.covers(object)).toList();
    if (!covering.isEmpty()) {
      return Optional.of(
          object + " is allowed by " + quoted(covering) + " only for runs in " + String.join(", ", covering.get(0).runNamespaces())
              + ", not for a run in " + runNamespace + " (add 'from " + runNamespace + "' to the rule in " + SETTING + " to allow it)");
    }
    List<ObjectRule> near = rules.stream().filter(r -> r.sameKind(object)).toList();
    String why = near.isEmpty()
        ? "no rule of " + SETTING + " names a " + object.kind() + (rules.isEmpty() ? " (the list is empty)" : "; it allows only " + quoted(rules))
        : "it misses " + quoted(near) + " of " + SETTING;
    return Optional.of(object + " is not in the allow-list: " + why);
  }

  private static String quoted(List<ObjectRule> rules) {
    return (rules.size() == 1 ? "rule " : "rules ") + rules.stream().map(r -> "'" + r.text() + "'").collect(Collectors.joining(", "));
  }
}
