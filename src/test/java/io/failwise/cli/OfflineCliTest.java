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
}
