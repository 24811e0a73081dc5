package io.failwise.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * A reconcile that threw: what every reconciler writes instead of retrying in silence. The object's
 * Ready condition turns False (a Region's health conditions Unknown) with reason {@link #REASON} and a message naming the exception and where
 * in Failwise it came from; one Warning Event is sent when that message first appears, and the object
 * is looked at again on the poll interval or its next change. A stale status that still reads as
 * current is what an SRE must never see.
 */
public final class ReconcileFailure {
  public static final String REASON = "ReconcileFailed";

  /** Set when the application begins to stop, before the operator does; cleared when one starts (tests start several). */
  private static volatile boolean controllerStopping;

  private ReconcileFailure() {}

  /**
   * Whether the controller is stopping: the operator closes its client while reconciles are in flight,
   * and what they write then fails with "Connection was closed" or "Client is closed", which is the
   * stop, not a failure of the object ({@code OperatorShutdown} sets it, first of the shutdown).
   */
  public static void markStopping(boolean stopping) {
    controllerStopping = stopping;
  }

  /** Whether the application has begun to stop ({@link #markStopping}). */
  public static boolean controllerStopping() {
    return controllerStopping;
  }

  /** "ArithmeticException: long overflow (at PolicyTrigger.untilNextLook)": what failed and where in Failwise. */
  public static String describe(Throwable e) {
    String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().startsWith("io.failwise.")) {
        String cls = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
        return what + " (at " + cls + "." + frame.getMethodName() + ")";
      }
    }
    return what;
  }

  /**
   * Whether {@code e} is the controller stopping, not a failure of the object: a status write interrupted,
   * or the informers JOSDK caches a written status into already closed. Neither is written as
   * ReconcileFailed nor logged as a warning (a demo or an embedded world that ends would print both).
   * Once the application has begun to stop ({@link #markStopping}), every failure is the stop's.
   */
  public static boolean whileStopping(Throwable e) {
    if (controllerStopping) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
        return true;
      }
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().endsWith(".InformerManager") && frame.getMethodName().equals("lastSyncResourceVersion")) {
          return true;
        }
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  /** Whether the Ready condition already says this failure: no second write, no second Event. */
  public static boolean saidBefore(List<Condition> conditions, String message) {
    return saidBefore(conditions, "Ready", message);
  }

  /** Whether the condition of that type already says this failure. */
  public static boolean saidBefore(List<Condition> conditions, String type, String message) {
    return Conditions.says(conditions, type, REASON, message);
  }
}
