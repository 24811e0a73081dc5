package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** A pass cut short by the controller stopping is not reported as a fault; a slow API server still is. */
class FailoverRunReconcilerTest {
  @Test
  void anInterruptedReadIsTheControllerStopping() {
    InterruptedIOException io = new InterruptedIOException();
    io.initCause(new InterruptedException());
    assertTrue(FailoverRunReconciler.interrupted(new KubernetesClientException("Operation: [get] failed", io)));
  }

  @Test
  void aReadTimeoutOrARefusalIsAFault() {
    assertFalse(FailoverRunReconciler.interrupted(new KubernetesClientException("Operation: [get] failed", new SocketTimeoutException("timeout"))));
    assertFalse(FailoverRunReconciler.interrupted(new KubernetesClientException("Forbidden", 403, null)));
    assertFalse(FailoverRunReconciler.interrupted(new IllegalStateException("a bug")));
  }
}
