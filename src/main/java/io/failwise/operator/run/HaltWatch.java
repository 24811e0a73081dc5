package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.failwise.monitoring.LeaderMetric;
import io.failwise.notify.Notices;
import io.failwise.notify.Notifier;
import io.failwise.operator.status.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Says when the global halt is set and lifted: the big red button of a game day or an incident was
 * silent, seen only in the runs it paused (none, when it is pulled before anything starts) and in the
 * ConfigMap. The leading replica records an Event on the halt ConfigMap (a log line too: EventRecorder)
 * and posts a notice (event {@code halts}, docs/notifications.md) as the halt changes; a halt already in
 * force when the controller starts is recorded as an Event, not posted again.
 */
@ApplicationScoped
public class HaltWatch {
  private final ControlState control;
  private final EventRecorder events;
  private final Notifier notifier;
  private final LeaderMetric leader;
  private final Clock clock;
  private volatile Instant startedAt;

  public HaltWatch(ControlState control, EventRecorder events, Notifier notifier, LeaderMetric leader, Clock clock) {
    this.control = control;
    this.events = events;
    this.notifier = notifier;
    this.leader = leader;
    this.clock = clock;
  }

  /** Starts watching (the controller calls it once it runs); a second call does nothing. */
  public synchronized void start() {
    if (startedAt != null) {
      return;
    }
    startedAt = Instant.now();
    control.addHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap cm) {
        if (HaltSwitch.NAME.equals(cm.getMetadata().getName())) {
          set(cm, setBefore(cm, startedAt));
        }
      }

      @Override
      public void onUpdate(ConfigMap before, ConfigMap after) {
        // A halt is created once and deleted once (HaltSwitch); an edit of its words is not a new halt.
      }

      @Override
      public void onDelete(ConfigMap cm, boolean finalStateUnknown) {
        if (HaltSwitch.NAME.equals(cm.getMetadata().getName())) {
          lifted(cm);
        }
      }
    });
  }

  /** Whether the halt was set before {@code start} (its creation, by the API server's clock): in force, not news. */
  static boolean setBefore(ConfigMap cm, Instant start) {
    String created = cm.getMetadata().getCreationTimestamp();
    try {
      return created != null && Instant.parse(created).isBefore(start.minusSeconds(1));
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  void set(ConfigMap cm, boolean inForce) {
    if (!leader.leading()) {
      return;
    }
    String described = HaltSwitch.halt(cm, clock, Clock.systemUTC()).described(clock.instant(), clock.getZone());
    String where = cm.getMetadata().getNamespace() + "/" + cm.getMetadata().getName();
    if (inForce) {
      events.warning(cm, "HaltInForce", "Failwise is halted " + described + " (set before this controller started): no run moves until"
          + " `failwise resume`.");
      return;
    }
    events.warning(cm, "Halted", "Failwise is halted " + described + ": no run moves until `failwise resume`.");
    notifier.post(Notices.ofHalt(described, where, clock.instant()));
  }

  void lifted(ConfigMap cm) {
    if (!leader.leading()) {
      return;
    }
    String described = HaltSwitch.halt(cm, clock, Clock.systemUTC()).described(clock.instant(), clock.getZone());
    events.normal(cm, "Resumed", "Failwise is resumed: the halt " + described + " is lifted.");
    notifier.post(Notices.ofResume(described, cm.getMetadata().getNamespace() + "/" + cm.getMetadata().getName(), clock.instant()));
  }
}
