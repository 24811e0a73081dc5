package io.failwise.operator.watch;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: DOWN when a started controller has an informer that stopped for good, so Kubernetes
 * restarts the pod; a stopped informer never sees another change of its kind. An informer that is
 * reconnecting its watch is still running and keeps liveness UP (readiness covers it).
 */
@Liveness
@ApplicationScoped
public class InformersAlive implements HealthCheck {
  static final String NAME = "failwise informers running";
  private final Operator operator;

  public InformersAlive(Operator operator) {
    this.operator = operator;
  }

  @Override
  public HealthCheckResponse call() {
    if (!operator.getRuntimeInfo().isStarted()) {
      return HealthCheckResponse.named(NAME).up().withData("operator", "not started").build();
    }
    List<String> stopped = stopped(operator.getRuntimeInfo().unhealthyInformerWrappingEventSourceHealthIndicator());
    var response = HealthCheckResponse.named(NAME).status(stopped.isEmpty());
    if (!stopped.isEmpty()) {
      response.withData("stopped", String.join(", ", stopped));
    }
    return response.build();
  }

  /** "controller/event source/namespace" of each informer that is no longer running. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static List<String> stopped(Map<String, Map<String, InformerWrappingEventSourceHealthIndicator>> unhealthy) {
    List<String> out = new ArrayList<>();
    unhealthy.forEach(
        (controller, sources) ->
            sources.forEach(
                (source, indicator) -> {
                  Map<String, InformerHealthIndicator> informers = indicator.informerHealthIndicators();
                  informers.forEach(
                      (namespace, informer) -> {
                        // Running but not watching is a watch reconnecting: readiness, not liveness.
                        if (!informer.isRunning()) {
                          out.add(controller + "/" + source + "/" + (namespace == null || namespace.isEmpty() ? "all namespaces" : namespace));
                        }
                      });
                }));
    out.sort(String::compareTo);
    return out;
  }
}
