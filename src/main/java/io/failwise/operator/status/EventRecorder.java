package io.failwise.operator.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Records Kubernetes Events about Failwise resources. The same reason and message on the same object
 * raise the count of one Event instead of piling up new ones; a write that conflicts with another
 * writer's is made again on a fresh read. Failing to record is logged, never fatal.
 *
 * <p>Events are stamped with the wall clock, not the controller's: kubectl reads their ages against
 * the wall clock of the person looking, and under the demo or {@code --speed N} the controller's clock
 * is the simulator's, in another night or running ahead, which kubectl describe shows as an Age of
 * {@code <invalid>}. On a real cluster the two are the same clock. The messages carry the controller's
 * times.
 */
@ApplicationScoped
public class EventRecorder {
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  public static final String COMPONENT = "failwise-controller";
  /** Writes of one Event refused as conflicting before giving up (each conflict is another writer's success). */
  static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final Clock clock;

  @jakarta.inject.Inject
  public EventRecorder(KubernetesClient client) {
    this(client, Clock.systemUTC());
  }

  /** With another clock for the stamps (tests). */
  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    String namespace = about.getMetadata().getNamespace() == null ? "default" : about.getMetadata().getNamespace();
    String name =
        (about.getMetadata().getName() + "." + Integer.toHexString((about.getKind() + reason + message).hashCode()))
            .toLowerCase(Locale.ROOT);
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    var events = client.v1().events().inNamespace(namespace);
    // Another replica (or a repeat of this one) may write the same Event between the read and the
    // write: the API server then refuses the write (409), and the count is bumped on a fresh read.
    for (int attempt = 1; ; attempt++) {
      try {
        Event existing = read(namespace, name);
        if (existing != null) {
          existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
          existing.setLastTimestamp(now);
          events.resource(existing).update();
        } else {
          events.resource(newEvent(about, name, namespace, type, reason, message, now)).create();
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < ATTEMPTS) {
          continue;
        }
        LOG.warnf("Could not record event %s on %s/%s: %s", reason, about.getKind(), about.getMetadata().getName(), e.getMessage());
        return;
      }
    }
  }

  /** The stored Event of that name, or null. */
  Event read(String namespace, String name) {
    return client.v1().events().inNamespace(namespace).withName(name).get();
  }

  private static Event newEvent(HasMetadata about, String name, String namespace, String type, String reason, String message, String now) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(about.getApiVersion())
        .withKind(about.getKind())
        .withName(about.getMetadata().getName())
        .withNamespace(about.getMetadata().getNamespace())
        .withUid(about.getMetadata().getUid())
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withNewSource(COMPONENT, null)
        .withReportingComponent(COMPONENT)
        .build();
  }
}
