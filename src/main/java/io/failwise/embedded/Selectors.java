package io.failwise.embedded;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The label and field selectors the embedded API server can apply, and a refusal for the others. fabric8's
 * mock logs a requirement it cannot apply and answers as if it were not there: {@code kubectl delete -l
 * 'fleet notin (chargers)'} would delete every object of the kind. Here such a request is refused (400),
 * saying what is supported, as kube-apiserver refuses a selector it cannot apply.
 */
final class Selectors {
  private static final String KEY = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?";
  private static final Pattern EXISTS = Pattern.compile("!?\\s*" + KEY);
  private static final Pattern EQUALITY = Pattern.compile(KEY + "\\s*(==|=|!=)\\s*[-A-Za-z0-9_.]*");
  private static final Pattern SET_BASED = Pattern.compile(KEY + "\\s+(in|notin)\\s*\\(.*\\)");
  /** The fields every kind can be selected on (a CRD's, without selectableFields). */
  private static final List<String> FIELDS = List.of("metadata.name", "metadata.namespace");

  private Selectors() {}

  /** The refusal of a request whose selectors cannot be applied, or empty when they can (or there are none). */
  static Optional<Status> refusal(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    String path = pathAndQuery.substring(0, q);
    for (String param : pathAndQuery.substring(q + 1).split("&")) {
      if (param.startsWith("labelSelector=")) {
        Optional<Status> refused = labels(decode(param.substring("labelSelector=".length())));
        if (refused.isPresent()) {
          return refused;
        }
      } else if (param.startsWith("fieldSelector=") && !EventQueries.isEventList(path.replace("/watch/", "/"))) {
        // Events are selected on their own fields (EventQueries); any other kind on its name and namespace.
        Optional<Status> refused = fields(decode(param.substring("fieldSelector=".length())));
        if (refused.isPresent()) {
          return refused;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Status> labels(String selector) {
    for (String requirement : requirements(selector)) {
      String r = requirement.trim();
      if (r.isEmpty() || EXISTS.matcher(r).matches() || EQUALITY.matcher(r).matches()) {
        continue;
      }
      String why = SET_BASED.matcher(r).matches()
          ? "a set-based requirement (in, notin) is refused rather than ignored: the embedded API server selects by key=value, key!=value,"
              + " key, !key only; select by equality, or list and filter"
          : "unable to parse requirement '" + r + "'; the embedded API server selects by key=value, key!=value, key, !key";
      return Optional.of(badRequest("labelSelector '" + selector + "': " + why));
    }
    return Optional.empty();
  }

  private static Optional<Status> fields(String selector) {
    for (String requirement : requirements(selector)) {
      String r = requirement.trim();
      if (r.isEmpty()) {
        continue;
      }
      String field = r.split("!=|==|=", 2)[0].trim();
      if (!FIELDS.contains(field)) {
        return Optional.of(badRequest("field label not supported: " + field + " (fieldSelector '" + selector + "'; supported: "
            + String.join(", ", FIELDS) + ")"));
      }
    }
    return Optional.empty();
  }

  /** The requirements of a selector: split at the commas outside parentheses. */
  private static List<String> requirements(String selector) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : selector.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static Status badRequest(String message) {
    return new StatusBuilder().withStatus("Failure").withCode(400).withReason("BadRequest").withMessage(message).build();
  }
}
