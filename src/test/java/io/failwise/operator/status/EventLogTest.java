package io.failwise.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverPolicy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every Event is also a line of the controller's log: Events live an hour on a cluster and go with their
 * object, and a postmortem the next morning reads the log. A Warning is a WARN line, a Normal one INFO,
 * and the line names the reason, the object and the whole message.
 */
class EventLogTest {
  @Test
  void everyEventIsALogLineOfItsOwnCategory() {
    List<LogRecord> lines = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger category = Logger.getLogger(EventRecorder.LOG_CATEGORY);
    Level before = category.getLevel();
    category.setLevel(Level.ALL);
    category.addHandler(handler);
    boolean parents = category.getUseParentHandlers();
    category.setUseParentHandlers(false);
    // No API server: the Events themselves fail to be written, in the background (said on the recorder's own
    // logger, quiet here until close has waited for them); the log has them anyway.
    Logger writes = Logger.getLogger(EventRecorder.class.getName());
    Level writesBefore = writes.getLevel();
    writes.setLevel(Level.OFF);
    EventRecorder events = new EventRecorder(null, Clock.systemUTC());
    try {
      FailoverPolicy policy = new FailoverPolicy();
      policy.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName("eu-shadow").build());
      events.normal(policy, "Decision", "go-eu-west-1: Hold: waiting is the better bet.");
      events.warning(policy, "DecisionBlocked", "go-eu-west-1: the daily budget is used up.");
    } finally {
      events.close();
      writes.setLevel(writesBefore);
      category.removeHandler(handler);
      category.setLevel(before);
      category.setUseParentHandlers(parents);
    }
    assertEquals(List.of("INFO Decision FailoverPolicy failwise/eu-shadow: go-eu-west-1: Hold: waiting is the better bet.",
        "WARN DecisionBlocked FailoverPolicy failwise/eu-shadow: go-eu-west-1: the daily budget is used up."),
        lines.stream().map(r -> (r.getLevel().intValue() >= Level.WARNING.intValue() ? "WARN " : "INFO ") + formatted(r)).toList());
  }

  private static String formatted(LogRecord r) {
    return r.getParameters() == null ? r.getMessage() : String.format(r.getMessage(), r.getParameters());
  }
}
