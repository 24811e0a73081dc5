package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code failwise} script as a user runs it, on the packaged jar: the offline commands' fast path
 * (a plain class path and a class-data archive made on first use) answers exactly as the jar does
 * through Quarkus, with the same exit codes and nothing else on stderr. The script runs from a copy in
 * target/failwise-script whose target/quarkus-app is the build's, so it never rebuilds and its archives
 * start fresh.
 */
class FailwiseScriptJarIT {
  private static final Path HOME = Path.of("target/failwise-script").toAbsolutePath();
  private static final Path REPO = Path.of("").toAbsolutePath();

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void copyTheScript() throws IOException {
    deleteRecursively(HOME);
    Files.createDirectories(HOME.resolve("target"));
    Files.copy(REPO.resolve("failwise"), HOME.resolve("failwise"));
    HOME.resolve("failwise").toFile().setExecutable(true);
    Files.createSymbolicLink(HOME.resolve("target/quarkus-app"), REPO.resolve("target/quarkus-app"));
  }

  private static Result run(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", HOME.resolve("failwise").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FAILWISE_") || k.startsWith("QUARKUS_"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile(HOME, "out", ".txt");
    Path err = Files.createTempFile(HOME, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "failwise " + String.join(" ", args) + " did not finish");
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Result run(String... args) throws Exception {
    return run(Map.of(), args);
  }

  @Test
  void validateAnswersTheSameOnFirstUseWithTheArchiveAndThroughQuarkus() throws Exception {
    Result first = run("validate", "playbooks/");
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().startsWith("OK: "), first.out());
    assertEquals("", first.err(), "nothing but the answer: no logging noise, no JVM warnings");
    assertTrue(Files.exists(HOME.resolve("target/failwise-cli-validate.jsa")), "the first use leaves the command's class-data archive");

    Result second = run("validate", "playbooks/");
    assertEquals(first, second, "with the archive");

    // Configuration that could change the answer sends the command through Quarkus: the same answer.
    Result quarkus = run(Map.of("FAILWISE_SCRIPT_IT", "1"), "validate", "playbooks/");
    assertEquals(first.out(), quarkus.out());
    assertEquals(0, quarkus.code());
  }

  @Test
  void badInputKeepsItsExitCodeAndItsOneLine() throws Exception {
    Result missing = run("validate", "no-such-folder/");
    assertEquals(2, missing.code());
    assertEquals("failwise validate: no-such-folder: no such file or folder\n", missing.err());
    Result again = run("validate", "no-such-folder/");
    assertEquals(missing, again);

    Result usage = run("estimate");
    assertEquals(2, usage.code());
    assertTrue(usage.err().startsWith("Missing required option: '--filename=FILE'\nUsage: failwise estimate "), usage.err());

    // A setting the controller cannot use is input to fix too: one line naming it, no stack trace.
    Result setting = run(Map.of("FAILWISE_ESTIMATOR_MAX_TARGET_UTILIZATION", "2"), "estimate", "-f", "playbooks/scenarios/2026-03-12-incident.yaml");
    assertEquals(2, setting.code(), setting.err());
    assertTrue(setting.err().startsWith("Invalid setting: failwise.estimator.max-target-utilization (FAILWISE_ESTIMATOR_MAX_TARGET_UTILIZATION)")
        && setting.err().strip().lines().count() == 1, setting.err());
    // So is a freeze window read only at a run's first look: it used to start a controller whose every policy then failed.
    Result freeze = run(Map.of("FAILWISE_RUNS_FREEZE_WINDOWS", "FRI 16:00/MON 8am"), "estimate", "-f", "playbooks/scenarios/2026-03-12-incident.yaml");
    assertEquals(2, freeze.code(), freeze.err());
    assertTrue(freeze.err().startsWith("Invalid setting: failwise.runs.freeze.windows (FAILWISE_RUNS_FREEZE_WINDOWS): freeze window 'FRI 16:00/MON 8am'")
        && freeze.err().strip().lines().count() == 1, freeze.err());
  }

  @Test
  void estimateAndVersionAnswer() throws Exception {
    Result estimate = run("estimate", "-f", "playbooks/scenarios/2026-03-12-incident.yaml", "-o", "json");
    assertEquals(0, estimate.code(), estimate.err());
    assertTrue(estimate.out().contains("\"recommendation\" : \"HOLD\""), estimate.out());
    assertEquals(estimate, run("estimate", "-f", "playbooks/scenarios/2026-03-12-incident.yaml", "-o", "json"));

    Result version = run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().matches("failwise \\S+\n"), version.out());
  }

  @Test
  void aSettingOnTheCommandLineIsTheJvmsNotAnUnknownOption() throws Exception {
    // README, "Configuration": settable as -Dname=value, before or after the command; a setting can change
    // the answer, so the command runs through Quarkus, where the settings are read.
    String scenario = "playbooks/scenarios/2026-03-12-incident.yaml";
    Result after = run("estimate", "-f", scenario, "-Dfailwise.estimator.reevaluate-max=5m");
    assertEquals(0, after.code(), after.err());
    assertTrue(after.out().contains("Re-evaluate at 21:45 +01:00."), "a 5-minute step, not the default 15:\n" + after.out());
    Result before = run("-Dfailwise.estimator.reevaluate-max=5m", "estimate", "-f", scenario);
    assertEquals(after.out(), before.out());
    assertTrue(run("estimate", "-f", scenario).out().contains("Re-evaluate at 21:55 +01:00."), "without it, the default");
  }

  @Test
  void helpOfTheControllerAnswersBesideARunningOne() throws Exception {
    // A running controller holds the HTTP port; `failwise run --help` must still answer, not fail to bind it.
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Result help = run("-Dquarkus.http.port=" + taken.getLocalPort(), "run", "--embedded", "--help");
      assertEquals(0, help.code(), help.err());
      assertTrue(help.out().startsWith("Usage: failwise run "), help.out());
      assertFalse(help.err().contains("in use"), help.err());
    }
  }

  /**
   * The commands that ask and answer start with the client compiler and the serial collector (about a
   * second sooner, docs/bench/startup-online.sh); the controller, the demo and the benchmarks, which run
   * for minutes and whose figures the README quotes, keep the JVM's defaults. Seen through a {@code java}
   * on the PATH that prints what it was given.
   */
  @Test
  void onlyTheShortLivedCommandsStartWithTheClientCompiler() throws Exception {
    Path bin = Files.createDirectories(HOME.resolve("fake-jvm"));
    Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
    bin.resolve("java").toFile().setExecutable(true);
    Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    String quick = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar ";
    for (String command : List.of("get clusters", "runs -A", "approve incident", "halt --reason game-day", "sim outage go-eu-west-1")) {
      Result r = run(env, command.split(" "));
      assertTrue(r.out().startsWith(quick) && r.out().strip().endsWith("quarkus-run.jar " + command), command + ": " + r.out());
    }
    Result setting = run(env, "-Dfailwise.time-zone=UTC", "runs");
    assertTrue(setting.out().startsWith(quick.replace("-jar ", "-Dfailwise.time-zone=UTC -jar ")), setting.out());
    for (String command : List.of("run", "run --embedded", "demo --seed 2", "bench scale --clusters 1000")) {
      Result r = run(env, command.split(" "));
      assertTrue(r.out().startsWith("-jar ") && r.out().strip().endsWith("quarkus-run.jar " + command), command + ": " + r.out());
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
