package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineCliTest {
  @TempDir Path dir;

  private boolean handles(String... args) {
    return OfflineCli.handles(List.of(args), Map.of(), new Properties(), dir);
  }

  @Test
  void offlineCommandsHelpAndVersionSkipTheRuntime() {
    assertTrue(handles("estimate", "-f", "x.yaml"));
    assertTrue(handles("plan", "-f", "p.yaml", "--source", "a"));
    assertTrue(handles("validate", "playbooks/"));
    assertTrue(handles("--help"));
    assertTrue(handles("-V"));
  }

  @Test
  void commandsThatNeedTheControllerOrTheApiServerDoNot() {
    for (String command : List.of("run", "demo", "get", "runs", "approve", "bench", "decisions")) {
      assertFalse(handles(command), command);
    }
    assertFalse(handles(), "no arguments: the runtime prints what it always printed");
  }

  @Test
  void configurationThatCouldChangeTheAnswerGoesThroughQuarkus() throws Exception {
    Properties system = new Properties();
    system.setProperty("failwise.estimator.intermittent-offline-share", "0.3");
    assertFalse(OfflineCli.handles(List.of("estimate"), Map.of(), system, dir));
    assertFalse(OfflineCli.handles(List.of("estimate"), Map.of("FAILWISE_TIME_ZONE", "Europe/Oslo"), new Properties(), dir));
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/application.properties"), "failwise.time-zone=Europe/Oslo\n");
    assertFalse(handles("estimate"));
  }

  @Test
  void theOfflineAnswerIsTheCommandsOwn() {
    assertEquals(0, OfflineCli.run("validate", "playbooks/"));
    assertEquals(2, OfflineCli.run("validate", "no-such-dir/"));
  }

  /** The lean tree the offline commands get reads and prints exactly as the whole tree does. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"estimate", "plan", "validate"})
  void anOfflineCommandsLeanTreeHasTheSameUsageAndName(String command) {
    picocli.CommandLine lean = OfflineCli.commandLine(command, "--help").getSubcommands().get(command);
    picocli.CommandLine whole = OfflineCli.commandLine("--help").getSubcommands().get(command);
    assertEquals(whole.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF), lean.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF));
    assertEquals("failwise " + command, lean.getCommandSpec().qualifiedName());
    assertEquals(1, OfflineCli.commandLine(command).getSubcommands().size(), "only the command asked for is built");
  }

  @Test
  void optionsBeforeTheCommandGetTheWholeTree() {
    assertTrue(OfflineCli.commandLine("--help").getSubcommands().size() > 3);
    assertTrue(OfflineCli.commandLine("-V", "estimate").getSubcommands().size() > 3);
  }
}
