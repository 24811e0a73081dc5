package io.failwise.cli.runs;

import io.failwise.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;

/** What ValidateCommandTest and ValidateSchemaTest both use: a Cluster to fill in, and files written and validated. */
final class ValidateFixture {
  /** A Cluster in eu-west: its name, more metadata (", labels: {...}" or ""), and its one failover target. */
  static final String CLUSTER = """
      apiVersion: failwise.io/v1alpha1
      kind: Cluster
      metadata: {name: %s, namespace: failwise%s}
      spec:
        region: eu-west
        capacity: {devices: 1000}
        admission: {devicesPerSecond: 10}
        failover: {targets: [{cluster: %s}]}
        signals: {static: {expected: 100, connected: 100}}
      """;

  private ValidateFixture() {}

  /** Writes each file (name, then text) into {@code dir} and validates them all. */
  static Cli.Result validate(Path dir, String... files) throws Exception {
    String[] args = new String[files.length / 2 + 1];
    args[0] = "validate";
    for (int i = 0; i < files.length; i += 2) {
      args[i / 2 + 1] = Files.writeString(dir.resolve(files[i]), files[i + 1]).toString();
    }
    return Cli.run(args);
  }
}
