package io.failwise.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.api.ActionSpec;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverPlaybookSpec;
import io.failwise.api.PlaybookStep;
import io.failwise.api.PlaybookStep.Kind;
import io.failwise.api.StopConditionSpec;
import io.failwise.model.run.Templates;
import io.failwise.model.run.Waves;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a FailoverPlaybook: what the CRD schema and CEL rules say (the embedded server enforces
 * neither) and what they cannot: waves ascending and ending at 100, a failback after a shift,
 * known template variables, an undo for every webhook shift, rollback.keep naming scale steps.
 */
public final class PlaybookValidator {
  /** The step a drill inserts before the failback to hold at its cap; playbooks may not use the name. */
  public static final String DRILL_HOLD = "drill-hold";

  private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  private PlaybookValidator() {}

  public static List<Problem> validate(FailoverPlaybook playbook) {
    FailoverPlaybookSpec spec = playbook.getSpec();
    if (spec == null) {
      return List.of(new Problem("spec", "is required: steps, stopConditions and rollback"));
    }
    List<Problem> problems = new ArrayList<>();
    problems.addAll(steps(spec.steps));
    problems.addAll(stopConditions(spec.stopConditions));
    problems.addAll(rollback(spec));
    return problems;
  }

  static List<Problem> steps(List<PlaybookStep> steps) {
    List<Problem> problems = new ArrayList<>();
    if (steps == null || steps.isEmpty()) {
      return List.of(new Problem("spec.steps", "needs at least one step"));
    }
    if (steps.size() > FailoverPlaybookSpec.MAX_STEPS) {
      problems.add(new Problem("spec.steps", "has " + steps.size() + " steps; at most " + FailoverPlaybookSpec.MAX_STEPS));
    }
    Set<String> names = new HashSet<>();
    int shifts = 0;
    int failbacks = 0;
    for (int i = 0; i < steps.size(); i++) {
      String field = "spec.steps[" + i + "]";
      PlaybookStep step = steps.get(i);
      if (step == null) {
        problems.add(new Problem(field, "is empty"));
        continue;
      }
      name(field + ".name", step.name).ifPresent(problems::add);
      if (step.name != null && !names.add(step.name)) {
        problems.add(new Problem(field + ".name", "'" + step.name + "' is used by an earlier step; step names must be unique"));
      }
      if (DRILL_HOLD.equals(step.name)) {
        problems.add(new Problem(field + ".name", "'" + DRILL_HOLD + "' is reserved for the hold a drill inserts"));
      }
      List<Kind> kinds = step.kindsSet();
      if (kinds.size() != 1) {
        problems.add(
            new Problem(
                field,
                "must be exactly one of precheck, approval, scale, shift, wait, verify, failback; "
                    + (kinds.isEmpty() ? "none is set" : "found " + kinds.size() + ": " + lower(kinds))));
        continue;
      }
      switch (kinds.get(0)) {
        case Precheck -> {
          Double u = step.precheck.maxTargetUtilization;
          if (u != null && !(u > 0 && u <= 1)) {
            problems.add(new Problem(field + ".precheck.maxTargetUtilization", "must be above 0 and at most 1, got " + u));
          }
        }
        case Approval -> {
          Long timeout = step.approval.timeoutSeconds;
          if (timeout != null && (timeout < 1 || timeout > PlaybookStep.MAX_APPROVAL_TIMEOUT_SECONDS)) {
            problems.add(new Problem(field + ".approval.timeoutSeconds",
                "must be between 1 and " + PlaybookStep.MAX_APPROVAL_TIMEOUT_SECONDS + " seconds (30 days), or left out to wait for ever, got " + timeout));
          } else if (step.approval.timeoutSeconds != null && shifts > 0) {
            // A timed-out approval rolls the run back: after the shift, that undoes it in one write.
            problems.add(new Problem(field + ".approval.timeoutSeconds",
                "must not be set on an approval after the shift: its timeout would roll the run back, sending every device moved"
                    + " home at once, unpaced, into a source that may still be down; leave it out (the run waits for a person) or"
                    + " put the approval before the shift"));
          }
        }
        case Scale -> problems.addAll(scale(field + ".scale", step.scale));
        case Shift -> {
          shifts++;
          if (shifts > 1) {
            problems.add(new Problem(field, "a playbook has at most one shift step"));
          }
          problems.addAll(waves(field + ".shift.waves", step.shift.waves));
          problems.addAll(withinADay(field + ".shift.holdEachWaveSeconds", step.shift.holdEachWaveSeconds, 0));
          if (step.shift.action == null) {
            problems.add(new Problem(field + ".shift.action", "is required: patch or webhook"));
          } else {
            problems.addAll(action(field + ".shift.action", step.shift.action, true));
          }
        }
        case Wait -> problems.addAll(withinADay(field + ".wait.durationSeconds", step.wait.durationSeconds, 1));
        case Verify -> problems.addAll(withinADay(field + ".verify.durationSeconds", step.verify.durationSeconds, 1));
        case Failback -> {
          failbacks++;
          if (failbacks > 1) {
            problems.add(new Problem(field, "a playbook has at most one failback step"));
          }
          if (shifts == 0) {
            problems.add(new Problem(field, "a failback must come after the shift it undoes"));
          }
          problems.addAll(waves(field + ".failback.waves", step.failback.waves));
          problems.addAll(withinADay(field + ".failback.holdEachWaveSeconds", step.failback.holdEachWaveSeconds, 0));
          if (step.failback.action != null) {
            problems.addAll(action(field + ".failback.action", step.failback.action, false));
          }
        }
      }
    }
    return problems;
  }

  static List<Problem> scale(String field, PlaybookStep.Scale scale) {
    List<Problem> problems = new ArrayList<>();
    if (scale.kind == null || !(scale.kind.equals("Deployment") || scale.kind.equals("StatefulSet"))) {
      problems.add(new Problem(field + ".kind", "must be Deployment or StatefulSet, got " + scale.kind));
    }
    if (blank(scale.name)) {
      problems.add(new Problem(field + ".name", "is required: the workload's name"));
    }
    if (scale.replicas == null || scale.replicas < 0) {
      problems.add(new Problem(field + ".replicas", "is required and must be 0 or more, got " + scale.replicas));
    }
    problems.addAll(withinADay(field + ".readyTimeoutSeconds", scale.readyTimeoutSeconds, 1));
    problems.addAll(templates(field + ".name", scale.name));
    problems.addAll(templates(field + ".namespace", scale.namespace));
    return problems;
  }

  static List<Problem> action(String field, ActionSpec action, boolean inShift) {
    List<Problem> problems = new ArrayList<>();
    List<String> types = action.typesSet();
    if (types.size() != 1) {
      problems.add(
          new Problem(
              field,
              "must be exactly one of patch, webhook, simulator; " + (types.isEmpty() ? "none is set" : "found " + String.join(", ", types))));
      return problems;
    }
    if (action.patch != null) {
      ActionSpec.Patch p = action.patch;
      String[][] required = {{"apiVersion", p.apiVersion}, {"kind", p.kind}, {"name", p.name}};
      for (String[] r : required) {
        if (blank(r[1])) {
          problems.add(new Problem(field + ".patch." + r[0], "is required"));
        }
      }
      if (p.mergePatch == null || !p.mergePatch.isObject() || p.mergePatch.isEmpty()) {
        problems.add(new Problem(field + ".patch.mergePatch", "must be a non-empty object, the JSON merge patch to apply"));
      } else {
        problems.addAll(jsonTemplates(field + ".patch.mergePatch", p.mergePatch));
      }
      problems.addAll(templates(field + ".patch.name", p.name));
      problems.addAll(templates(field + ".patch.namespace", p.namespace));
    }
    if (action.webhook != null) {
      ActionSpec.Webhook w = action.webhook;
      problems.addAll(request(field + ".webhook", w));
      if (w.attempts != null && (w.attempts < 1 || w.attempts > 10)) {
        problems.add(new Problem(field + ".webhook.attempts", "must be from 1 to 10, got " + w.attempts));
      }
      if (w.timeoutSeconds != null && (w.timeoutSeconds < 1 || w.timeoutSeconds > 300)) {
        problems.add(new Problem(field + ".webhook.timeoutSeconds", "must be from 1 to 300, got " + w.timeoutSeconds));
      }
      if (w.undo != null) {
        problems.addAll(request(field + ".webhook.undo", w.undo));
      } else if (inShift) {
        problems.add(
            new Problem(
                field + ".webhook.undo",
                "is required in a shift: without it an abort cannot move the devices back (e.g. the same call with"
                    + " target {{source}})"));
      }
    }
    return problems;
  }

  static List<Problem> request(String field, ActionSpec.Request r) {
    List<Problem> problems = new ArrayList<>();
    if (blank(r.url) || !(r.url.startsWith("http://") || r.url.startsWith("https://"))) {
      problems.add(new Problem(field + ".url", "must be an http:// or https:// URL, got " + r.url));
    }
    if (r.method != null && !Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(r.method)) {
      problems.add(new Problem(field + ".method", "must be GET, POST, PUT, PATCH or DELETE, got " + r.method));
    }
    problems.addAll(templates(field + ".url", r.url));
    problems.addAll(templates(field + ".body", r.body));
    if (r.headers != null) {
      r.headers.forEach((k, v) -> problems.addAll(templates(field + ".headers." + k, v)));
    }
    return problems;
  }

  static List<Problem> stopConditions(List<StopConditionSpec> conditions) {
    List<Problem> problems = new ArrayList<>();
    if (conditions == null) {
      return problems;
    }
    if (conditions.size() > FailoverPlaybookSpec.MAX_STOP_CONDITIONS) {
      problems.add(new Problem("spec.stopConditions", "at most " + FailoverPlaybookSpec.MAX_STOP_CONDITIONS));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < conditions.size(); i++) {
      String field = "spec.stopConditions[" + i + "]";
      StopConditionSpec c = conditions.get(i);
      if (c == null) {
        problems.add(new Problem(field, "is empty"));
        continue;
      }
      name(field + ".name", c.name).ifPresent(problems::add);
      if (c.name != null && !names.add(c.name)) {
        problems.add(new Problem(field + ".name", "'" + c.name + "' is used twice; stop condition names must be unique"));
      }
      if (c.cluster != null && !(c.cluster.equals("Target") || c.cluster.equals("Source"))) {
        problems.add(new Problem(field + ".cluster", "must be Target or Source, got " + c.cluster));
      }
      List<String> tests = c.testsSet();
      if (tests.size() != 1) {
        problems.add(
            new Problem(
                field,
                "must set exactly one of offlineDevicesAbove, offlineRatioAbove, offlineRatioRiseAbove, reconnectedRatioBelow,"
                    + " signalUnknownSeconds; "
                    + (tests.isEmpty() ? "none is set" : "found " + String.join(", ", tests))));
        continue;
      }
      if (c.offlineDevicesAbove != null && c.offlineDevicesAbove < 0) {
        problems.add(new Problem(field + ".offlineDevicesAbove", "must be 0 or more, got " + c.offlineDevicesAbove));
      }
      ratio(field + ".offlineRatioAbove", c.offlineRatioAbove).ifPresent(problems::add);
      ratio(field + ".offlineRatioRiseAbove", c.offlineRatioRiseAbove).ifPresent(problems::add);
      ratio(field + ".reconnectedRatioBelow", c.reconnectedRatioBelow).ifPresent(problems::add);
      if (c.reconnectedRatioBelow != null && "Source".equals(c.cluster)) {
        problems.add(new Problem(field + ".cluster", "reconnectedRatioBelow counts arrivals at the target; remove cluster: Source"));
      }
      problems.addAll(withinADay(field + ".graceSeconds", c.graceSeconds, 0));
      if (c.signalUnknownSeconds != null) {
        problems.addAll(withinADay(field + ".signalUnknownSeconds", c.signalUnknownSeconds, 1));
      }
    }
    return problems;
  }

  static List<Problem> rollback(FailoverPlaybookSpec spec) {
    List<Problem> problems = new ArrayList<>();
    if (spec.rollback == null || spec.rollback.keep == null || spec.steps == null) {
      return problems;
    }
    Map<String, PlaybookStep> byName = new HashMap<>();
    spec.steps.stream().filter(s -> s != null && s.name != null).forEach(s -> byName.putIfAbsent(s.name, s));
    for (int i = 0; i < spec.rollback.keep.size(); i++) {
      String name = spec.rollback.keep.get(i);
      PlaybookStep step = byName.get(name);
      String field = "spec.rollback.keep[" + i + "]";
      if (step == null) {
        problems.add(new Problem(field, "no step is named '" + name + "'; steps: " + String.join(", ", byName.keySet().stream().sorted().toList())));
      } else if (step.scale == null) {
        problems.add(
            new Problem(
                field,
                "'" + name + "' is a " + step.kind().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).orElse("?")
                    + " step; only scale steps can be kept, so that an abort always restores routing exactly"));
      }
    }
    return problems;
  }

  /** Wave problems; those about one wave ("[2] is 10 after 50; ...") name it in the field. */
  static List<Problem> waves(String field, List<Integer> waves) {
    List<Problem> problems = new ArrayList<>();
    for (String m : Waves.problems(waves)) {
      int close = m.indexOf("] ");
      problems.add(
          m.startsWith("[") && close > 0
              ? new Problem(field + m.substring(0, close + 1), m.substring(close + 2))
              : new Problem(field, m));
    }
    return problems;
  }

  static List<Problem> templates(String field, String text) {
    List<String> unknown = Templates.unknownVariables(text);
    return unknown.isEmpty()
        ? List.of()
        : List.of(
            new Problem(
                field,
                "unknown template variable " + String.join(", ", unknown.stream().map(u -> "{{" + u + "}}").toList())
                    + "; known: " + String.join(", ", Templates.VARIABLES.stream().sorted().toList())));
  }

  private static List<Problem> jsonTemplates(String field, JsonNode node) {
    List<Problem> problems = new ArrayList<>();
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        var e = it.next();
        problems.addAll(templates(field + "." + e.getKey(), e.getKey()));
        problems.addAll(jsonTemplates(field + "." + e.getKey(), e.getValue()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        problems.addAll(jsonTemplates(field + "[" + i + "]", node.get(i)));
      }
    } else if (node.isTextual()) {
      problems.addAll(templates(field, node.asText()));
    }
    return problems;
  }

  private static java.util.Optional<Problem> name(String field, String name) {
    if (blank(name)) {
      return java.util.Optional.of(new Problem(field, "is required"));
    }
    return NAME.matcher(name).matches() && name.length() <= 63
        ? java.util.Optional.empty()
        : java.util.Optional.of(new Problem(field, "'" + name + "' must be lower case letters, digits and dashes (at most 63)"));
  }

  private static java.util.Optional<Problem> ratio(String field, Double value) {
    return value != null && !(value >= 0 && value <= 1)
        ? java.util.Optional.of(new Problem(field, "must be a share from 0 to 1, got " + value))
        : java.util.Optional.empty();
  }

  private static List<Problem> positive(String field, Long value) {
    return value == null || value < 1 ? List.of(new Problem(field, "is required and must be 1 or more, got " + value)) : List.of();
  }

  /** A step's time: at most a day (the CRD's maximum), so that no sum of them overflows. */
  private static List<Problem> withinADay(String field, Long value, long min) {
    if (value == null) {
      return min > 0 ? positive(field, null) : List.of();
    }
    return value < min || value > 86_400
        ? List.of(new Problem(field, "must be between " + min + " and 86400 seconds (a day), got " + value))
        : List.of();
  }

  private static String lower(List<Kind> kinds) {
    return String.join(", ", kinds.stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).toList());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

}
