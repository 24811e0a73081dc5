package io.failwise.cli.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two clusters and the Scenario the {@code failwise estimate} tests start from, and how they check bad input. */
final class EstimateFiles {
  static final String CLUSTERS =
      """
      apiVersion: failwise.io/v1alpha1
      kind: Cluster
      metadata: {name: west, namespace: fleet}
      spec:
        region: eu-west
        capacity: {devices: 250000}
        admission: {devicesPerSecond: 960}
        failover: {targets: [{cluster: north}], cutoverSeconds: 1200}
        signals: {static: {expected: 180000, connected: 179000}}
      ---
      apiVersion: failwise.io/v1alpha1
      kind: Cluster
      metadata: {name: north, namespace: fleet}
      spec:
        region: eu-north
        capacity: {devices: 300000}
        admission: {devicesPerSecond: 960}
        signals: {static: {expected: 90000, connected: 89000}}
      """;
  static final String SCENARIO =
      """
      ---
      apiVersion: failwise.io/v1alpha1
      kind: Scenario
      metadata: {name: s}
      spec:
        at: "2026-03-12T21:40:00+01:00"
        outage: {cluster: west, since: "2026-03-12T20:45:00+01:00", offlineDevices: 25000, affectedDevices: 50000}
      """;

  private EstimateFiles() {}

  static Path write(Path dir, String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  /** Exit 2, nothing on stdout, one line on stderr naming the file and saying {@code expected}, no stack trace. */
  static void assertBadInput(Path dir, String content, String expected) throws IOException {
    Path file = write(dir, "bad.yaml", content);
    Cli.Result r = Cli.run("estimate", "-f", file.toString(), "-o", "json");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().lines().count(), "one message: " + r.err());
    assertTrue(r.err().startsWith("failwise estimate: "), r.err());
    assertTrue(r.err().contains(file.toString()), "names the file: " + r.err());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
  }
}
