package io.failwise.operator.run;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs in memory with the API server's optimistic locking, and a controller crash on demand: at the
 * n-th status write, either before the write reaches the store or after it did.
 */
final class MemoryRunStore implements RunStore {
  /** The controller process died. */
  static final class Crash extends RuntimeException {
    Crash(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, FailoverRun> runs = new LinkedHashMap<>();
  private long resourceVersion = 1;
  private int writes;
  private int crashAt = -1;
  private boolean crashAfterWrite;

  void create(FailoverRun run) {
    FailoverRun copy = copy(run);
    copy.getMetadata().setResourceVersion(String.valueOf(resourceVersion++));
    copy.getMetadata().setGeneration(1L);
    if (copy.getMetadata().getUid() == null) {
      copy.getMetadata().setUid("uid-" + copy.getMetadata().getName());
    }
    runs.put(key(copy.getMetadata().getNamespace(), copy.getMetadata().getName()), copy);
  }

  /** The next crash: at status write number {@code write} (1-based, counted from now). */
  void crashAt(int write, boolean afterWrite) {
    this.writes = 0;
    this.crashAt = write;
    this.crashAfterWrite = afterWrite;
  }

  int writes() {
    return writes;
  }

  /** A person's status write (approve, abort), as the CLI does it: it moves the resourceVersion. */
  void edit(String namespace, String name, java.util.function.Consumer<FailoverRunStatus> change) {
    FailoverRun run = runs.get(key(namespace, name));
    FailoverRun copy = copy(run);
    change.accept(copy.getStatus());
    copy.getMetadata().setResourceVersion(String.valueOf(resourceVersion++));
    runs.put(key(namespace, name), copy);
  }

  @Override
  public Optional<FailoverRun> get(String namespace, String name) {
    return Optional.ofNullable(runs.get(key(namespace, name))).map(MemoryRunStore::copy);
  }

  @Override
  public FailoverRun writeStatus(FailoverRun run, FailoverRunStatus status) {
    writes++;
    if (writes == crashAt && !crashAfterWrite) {
      crashAt = -1;
      throw new Crash("killed before status write " + writes);
    }
    String key = key(run.getMetadata().getNamespace(), run.getMetadata().getName());
    FailoverRun stored = runs.get(key);
    if (!stored.getMetadata().getResourceVersion().equals(run.getMetadata().getResourceVersion())) {
      throw new Conflict("resourceVersion " + run.getMetadata().getResourceVersion() + " is stale");
    }
    FailoverRun next = copy(stored);
    next.setStatus(Serialization.jsonMapper().convertValue(status, FailoverRunStatus.class));
    next.getMetadata().setResourceVersion(String.valueOf(resourceVersion++));
    runs.put(key, next);
    if (writes == crashAt) {
      crashAt = -1;
      throw new Crash("killed after status write " + writes);
    }
    return copy(next);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static FailoverRun copy(FailoverRun run) {
    return Serialization.jsonMapper().convertValue(run, FailoverRun.class);
  }
}
