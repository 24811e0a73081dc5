package io.failwise.operator.run;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every run integration test starts from: the {@link RunsFixture} world put back to the samples
 * before each test, and closed after it (which stops the controllers the test started). A subclass is
 * a {@code @QuarkusTest} with {@code @TestProfile(RunsProfile.class)}, so that all of them share one
 * Quarkus boot.
 */
abstract class RunsOnTestServer {
  @Inject RunsFixture world;

  @BeforeEach
  void resetWorld() throws Exception {
    world.reset();
  }

  @AfterEach
  void closeWorld() {
    world.close();
  }
}
