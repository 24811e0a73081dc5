package io.failwise.cli.runs;

import io.failwise.cli.Durations;
import io.failwise.cli.UserInputException;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.SettingsProblems;
import java.lang.reflect.Proxy;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings of a file the controller refuses to start with, read as the controller reads them: each
 * value under its name in {@link FailwiseConfig} (kebab-case), else that setting's {@code @WithDefault},
 * judged by the same {@link SettingsProblems} the controller starts with. So {@code validate --settings}
 * and {@code plan --settings} refuse a utilisation cap of 2, a negative budget or an unknown time zone,
 * not only what the allow-lists say. (Offline commands run without Quarkus or SmallRye Config.)
 */
final class ControllerSettings {
  private ControllerSettings() {}

  /**
   * Every setting of the file the controller would refuse to start with, each named with {@code where}:
   * the time zone, the estimator's, the budget's and the freeze's, one line each (validate used to stop at
   * the first, and a file with two mistakes took two runs).
   */
  static List<String> problems(Properties properties, String where) {
    List<String> problems = new java.util.ArrayList<>();
    String zone = properties.getProperty("failwise.time-zone");
    if (zone != null) {
      try {
        ZoneId.of(zone.trim());
      } catch (DateTimeException e) {
        problems.add(where + ": failwise.time-zone: " + e.getMessage() + "; give a region ID such as Europe/Berlin, or UTC");
      }
    }
    FailwiseConfig config = section(FailwiseConfig.class, "failwise.", properties);
    List<java.util.function.Supplier<Optional<String>>> checks = List.of(
        () -> SettingsProblems.estimator(config.estimator()),
        () -> SettingsProblems.budget(config),
        () -> SettingsProblems.notifications(config.notifications()),
        () -> SettingsProblems.freeze(list(properties, "failwise.runs.freeze.windows"), list(properties, "failwise.runs.freeze.modes")));
    for (var check : checks) {
      try {
        check.get().ifPresent(problem -> problems.add(where + ": " + problem));
      } catch (Unreadable e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    return problems;
  }

  /**
   * A list setting as SmallRye Config reads it: comma-separated, "\\," for a comma in a value, blanks
   * dropped; empty when it is not set (its default is then the controller's, which is valid).
   */
  static List<String> list(Properties properties, String key) {
    String text = properties.getProperty(key);
    if (text == null) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(text.split("(?<!\\\\),"))
        .map(v -> v.replace("\\,", ",").trim())
        .filter(v -> !v.isEmpty())
        .toList();
  }

  /** A section of the settings: each accessor answers its property, else its default. */
  private static <T> T section(Class<T> type, String prefix, Properties properties) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      String key = prefix + kebab(method.getName());
      Class<?> returned = method.getReturnType();
      if (returned.isInterface() && returned.getName().startsWith(FailwiseConfig.class.getName())) {
        return section(returned, key + ".", properties);
      }
      return value(key, returned, properties.getProperty(key, SettingsProblems.defaultOf(method.getDeclaringClass(), method.getName())));
    }));
  }

  private static Object value(String key, Class<?> type, String text) {
    if (text == null) {
      throw new UnsupportedOperationException(key + " has no default and is not read here");
    }
    String t = text.trim();
    try {
      if (type == double.class) {
        return Double.parseDouble(t);
      }
      if (type == int.class) {
        return Integer.parseInt(t);
      }
      if (type == Duration.class) {
        return Durations.parse(key, t);
      }
    } catch (NumberFormatException e) {
      throw new Unreadable(key + "=" + t + " is not " + (type == int.class ? "a whole number" : "a number"));
    } catch (UserInputException e) {
      throw new Unreadable(e.getMessage());
    }
    throw new UnsupportedOperationException(key + " (" + type.getSimpleName() + ") is not read here");
  }

  /** maxTargetUtilization as max-target-utilization. */
  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** A value that cannot be read as its setting's type. */
  private static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }
}
