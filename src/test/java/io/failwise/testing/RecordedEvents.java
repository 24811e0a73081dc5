package io.failwise.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.status.EventRecorder;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Warning Events recorded instead of sent, for a reconciler's unit test; and the one setting those tests read. */
public final class RecordedEvents extends EventRecorder {
  public final List<String> warnings = new ArrayList<>();
  /** Every Event, in order: "Warning REASON: MESSAGE" or "Normal REASON: MESSAGE". */
  public final List<String> all = new ArrayList<>();

  public RecordedEvents(Instant now) {
    super(null, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Override
  public void warning(HasMetadata about, String reason, String message) {
    warnings.add(reason + ": " + message);
    all.add("Warning " + reason + ": " + message);
  }

  @Override
  public void normal(HasMetadata about, String reason, String message) {
    all.add("Normal " + reason + ": " + message);
  }

  /** The controller's settings with only {@code pollInterval} set (everything else null). */
  public static FailwiseConfig pollingEvery(Duration pollInterval) {
    return (FailwiseConfig)
        Proxy.newProxyInstance(
            FailwiseConfig.class.getClassLoader(),
            new Class<?>[] {FailwiseConfig.class},
            (proxy, method, args) -> method.getName().equals("pollInterval") ? pollInterval : null);
  }
}
