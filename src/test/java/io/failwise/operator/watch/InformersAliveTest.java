package io.failwise.operator.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Liveness fails for an informer that stopped, not for one whose watch is reconnecting. */
class InformersAliveTest {
  private record Informer(boolean isRunning, boolean isWatching) implements InformerHealthIndicator {
    @Override
    public boolean hasSynced() {
      return true;
    }

    @Override
    public String getTargetNamespace() {
      return "";
    }

    @Override
    public Status getStatus() {
      return isRunning && isWatching ? Status.HEALTHY : Status.UNHEALTHY;
    }
  }

  @SuppressWarnings("rawtypes")
  private static InformerWrappingEventSourceHealthIndicator source(Map<String, InformerHealthIndicator> informers) {
    return () -> informers;
  }

  @Test
  void onlyStoppedInformersAreNamed() {
    @SuppressWarnings("rawtypes")
    Map<String, Map<String, InformerWrappingEventSourceHealthIndicator>> unhealthy =
        Map.of(
            "region", Map.of("ControllerEventSource", source(Map.of("", new Informer(false, false)))),
            "cluster", Map.of("RegionSource", source(Map.of("failwise", new Informer(true, false)))));
    assertEquals(List.of("region/ControllerEventSource/all namespaces"), InformersAlive.stopped(unhealthy));
  }

  @Test
  void reconnectingIsAlive() {
    @SuppressWarnings("rawtypes")
    Map<String, Map<String, InformerWrappingEventSourceHealthIndicator>> unhealthy =
        Map.of("cluster", Map.of("src", source(Map.of("a", new Informer(true, false)))));
    assertEquals(List.of(), InformersAlive.stopped(unhealthy));
  }
}
