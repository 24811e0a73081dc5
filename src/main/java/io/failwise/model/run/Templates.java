package io.failwise.model.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {{variable}} templates of playbook actions. Only known variables are allowed, so that a typo
 * is caught by {@code failwise validate} instead of reaching a routing object as literal text.
 */
public final class Templates {
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

  /** Every variable a template may use. */
  public static final Set<String> VARIABLES =
      Set.of(
          "source",
          "target",
          "runName",
          "namespace",
          "step",
          "wave",
          "wavePercent",
          "targetPercent",
          "waveDevices",
          "devicesAtTarget",
          "devicesPerSecond",
          "idempotencyKey");

  private Templates() {}

  /** Variables used in {@code text} that are not known, in order of appearance. */
  public static List<String> unknownVariables(String text) {
    List<String> unknown = new ArrayList<>();
    if (text == null) {
      return unknown;
    }
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      if (!VARIABLES.contains(m.group(1)) && !unknown.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    return unknown;
  }

  /** Replaces each {{variable}} with its value; a variable without a value is an error. */
  public static String render(String text, Map<String, String> values) {
    if (text == null) {
      return null;
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("template variable {{" + m.group(1) + "}} has no value here");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
