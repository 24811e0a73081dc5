package io.failwise.cli.runs;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.cli.UserInputException;
import io.failwise.execution.ActionException;
import io.failwise.execution.ObjectStore;
import io.failwise.execution.PatchAction;
import io.failwise.execution.StepActions;
import io.failwise.execution.WebhookAction;
import io.failwise.execution.WebhookAllowList;
import io.failwise.model.security.ObjectAllowList;
import io.failwise.model.security.SecretAllowList;
import io.failwise.operator.run.RunEffects;
import io.failwise.operator.run.RunPermissions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The controller's settings file (e.g. manifests/settings/application.properties) read offline, so
 * that {@code plan --settings} refuses what the controller would refuse, with the same sentence.
 */
final class SettingsFile {
  static final String SETTLE = "failwise.runs.settle";
  static final String ADMISSION_SHARE = "failwise.runs.admission-share";

  private final RunPermissions permissions;
  private final Optional<Duration> settle;
  private final Optional<Double> admissionShare;

  private SettingsFile(ObjectAllowList objects, WebhookAllowList webhooks, SecretAllowList secrets, Optional<Duration> settle,
      Optional<Double> admissionShare) {
    this.settle = settle;
    this.admissionShare = admissionShare;
    ObjectStore offline = new ObjectStore() {
      @Override
      public Optional<com.fasterxml.jackson.databind.JsonNode> read(io.failwise.execution.ObjectRef ref) {
        throw new ActionException("offline: nothing is read");
      }

      @Override
      public boolean update(io.failwise.execution.ObjectRef ref, java.util.function.UnaryOperator<com.fasterxml.jackson.databind.JsonNode> change) {
        throw new ActionException("offline: nothing is written");
      }
    };
    StepActions actions = new StepActions(List.of(new PatchAction(offline, objects),
        new WebhookAction(Duration.ofSeconds(1), Duration.ofSeconds(30), webhooks, new io.failwise.execution.SecretSource() {
          @Override
          public Optional<String> read(String namespace, String name, String key) {
            return Optional.empty(); // offline: nothing is read
          }

          @Override
          public Optional<String> refusal(String namespace, String name) {
            return secrets.refusal(namespace, name);
          }
        })));
    this.permissions = new RunPermissions(new RunEffects(actions));
  }

  /**
   * The settings of {@code file}, or everything in it to fix: {@code problems} is empty exactly when
   * {@code settings} is present. One read names every mistake at once (a file with a bad budget and a bad
   * allow-list took two runs when the first refusal stopped it), in validate's and plan's words alike.
   */
  record Checked(Optional<SettingsFile> settings, List<String> problems) {}

  static Checked check(Path file) {
    Properties p;
    try {
      p = load(file);
    } catch (UserInputException e) {
      return new Checked(Optional.empty(), List.of(e.getMessage()));
    }
    List<String> problems = new java.util.ArrayList<>(ControllerSettings.problems(p, "--settings " + file));
    ObjectAllowList objects = parsed(problems, file, () -> ObjectAllowList.parse(list(p, "failwise.allow.objects")));
    WebhookAllowList webhooks =
        parsed(problems, file, () -> WebhookAllowList.parse(list(p, "failwise.allow.webhooks"), Set.of(), WebhookAllowList.systemResolver()));
    SecretAllowList secrets = parsed(problems, file, () -> SecretAllowList.parse(list(p, SecretAllowList.SETTING)));
    Optional<Duration> settle = parsed(problems, file, () -> settle(p, file));
    Optional<Double> share = parsed(problems, file, () -> admissionShare(p, file));
    return problems.isEmpty()
        ? new Checked(Optional.of(new SettingsFile(objects, webhooks, secrets, settle, share)), List.of())
        : new Checked(Optional.empty(), List.copyOf(problems));
  }

  /** The value {@code read} gives; null when it cannot be read, with why added to {@code problems}. */
  private static <T> T parsed(List<String> problems, Path file, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (UserInputException e) {
      problems.add(e.getMessage());
    } catch (IllegalArgumentException e) {
      problems.add("--settings " + file + ": " + e.getMessage());
    }
    return null;
  }

  private static Properties load(Path file) {
    Properties p = new Properties();
    try (Reader in = new java.io.StringReader(io.failwise.cli.files.TextFiles.readUtf8(file, "--settings " + file))) {
      p.load(in);
    } catch (IOException e) {
      throw new UserInputException("--settings " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    return p;
  }

  /** How long the controller watches a failback's first and last waves (and lets a cluster settle), when the file sets it. */
  Optional<Duration> settle() {
    return settle;
  }

  /** The share of admission rates the controller's waves use, when the file sets it. */
  Optional<Double> admissionShare() {
    return admissionShare;
  }

  /** Read as the controller reads it (Quarkus's duration syntax: 6m, 360s, PT6M, or a number of seconds). */
  private static Optional<Duration> settle(Properties p, Path file) {
    String value = p.getProperty(SETTLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Duration d;
    try {
      d = io.quarkus.runtime.configuration.DurationConverter.parseDuration(value.trim());
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      d = null;
    }
    if (d == null || d.isNegative()) {
      throw new UserInputException("--settings " + file + ": " + SETTLE + "=" + value.trim() + " is not a duration the controller"
          + " reads; use e.g. 6m, 360s or PT6M (zero or more)");
    }
    return Optional.of(d);
  }

  private static Optional<Double> admissionShare(Properties p, Path file) {
    String value = p.getProperty(ADMISSION_SHARE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    double share = AdmissionShares.parse(value);
    if (Double.isNaN(share)) {
      throw new UserInputException("--settings " + file + ": " + ADMISSION_SHARE + "=" + value.trim() + " must be a number above 0"
          + " and at most 1 (the share of a cluster's admission rate the waves use), e.g. 0.8");
    }
    return Optional.of(share);
  }

  /** A list setting as the controller reads it ({@link ControllerSettings#list}). */
  private static List<String> list(Properties p, String key) {
    return ControllerSettings.list(p, key);
  }

  /** Why the controller would refuse this planned run, in the words it would use. */
  Optional<String> refusal(FailoverRun run, FailoverRunStatus.Plan plan, String target, Instant now) {
    FailoverRunStatus s = new FailoverRunStatus();
    s.plan = plan;
    s.target = target;
    return permissions.refusal(run, s, now);
  }
}
