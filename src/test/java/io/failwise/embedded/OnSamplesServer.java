package io.failwise.embedded;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One embedded API server for a test class, as `failwise run --embedded` starts it (the CRDs and the
 * samples applied), with kubectl pointed at it.
 */
abstract class OnSamplesServer {
  static EmbeddedApiServer server;
  static KubectlOnServer kubectl;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start(0);
    server.installCrds();
    server.applyDirectory(Path.of("manifests/samples"));
    kubectl = new KubectlOnServer(server, dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }
}
