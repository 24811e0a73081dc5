package io.failwise.operator.run;

import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/** Calls back on every change of a watched object, and says which resourceVersion each event carried. */
final class WatchRecorder<T extends io.fabric8.kubernetes.api.model.HasMetadata> implements Watcher<T> {
  private final java.util.function.Consumer<T> onChange;
  private final java.util.function.Consumer<String> seen;

  WatchRecorder(java.util.function.Consumer<T> onChange, java.util.function.Consumer<String> seen) {
    this.onChange = onChange;
    this.seen = seen;
  }

  @Override
  public void eventReceived(Action action, T resource) {
    if (action == Action.MODIFIED) {
      onChange.accept(resource);
    }
    seen.accept(resource.getMetadata().getResourceVersion());
  }

  @Override
  public void onClose(WatcherException cause) {}
}
