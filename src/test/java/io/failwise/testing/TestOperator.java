package io.failwise.testing;

import io.javaoperatorsdk.operator.Operator;

/**
 * With picocli the operator is never started by Quarkus; tests start the injected one once per
 * Quarkus application (a new application, after a profile change, brings a new Operator).
 */
public final class TestOperator {
  private static Operator started;

  private TestOperator() {}

  public static synchronized void ensureStarted(Operator operator) {
    if (started != operator) {
      operator.start();
      started = operator;
    }
  }
}
