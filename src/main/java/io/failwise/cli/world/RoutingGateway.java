package io.failwise.cli.world;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.sim.FleetSimulator;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulated connection gateway: reads the {@value #CONFIG_MAP} ConfigMap that the playbooks
 * patch ({@code SOURCE.target}, {@code SOURCE.percent}, {@code SOURCE.ratePerSecond}) and moves the
 * fleet's devices to match, as the real gateway (or a DPS allocation function) would: a share of the
 * source's own devices re-homed to the target at the rate given (80% of the target's admission rate
 * when none is), and moved back when the share falls or the entry returns home.
 */
final class RoutingGateway {
  static final String CONFIG_MAP = "device-routing";
  private static final double DEFAULT_ADMISSION_SHARE = 0.8;

  private final KubernetesClient client;
  private final String namespace;
  private final FleetSimulator fleet;
  private final Map<String, Long> homeDevices;
  private final Map<String, Double> admission;
  private final Timeline timeline;
  /** Per source: where its moved devices are and how many this gateway moved. */
  private final Map<String, Moved> moved = new HashMap<>();

  private record Moved(String target, long devices) {}

  /** Where one source's devices should be, as the routing table says; {@code problem}: a value it could not read, or null. */
  record Route(String target, double percent, Double ratePerSecond, String problem) {
    Route(String target, double percent, Double ratePerSecond) {
      this(target, percent, ratePerSecond, null);
    }
  }

  /** Per source: the unreadable value last said, so that it is said once, not every look. */
  private final Map<String, String> said = new HashMap<>();

  RoutingGateway(
      KubernetesClient client, String namespace, FleetSimulator fleet, Map<String, Long> homeDevices,
      Map<String, Double> admission, Timeline timeline) {
    this.client = client;
    this.namespace = namespace;
    this.fleet = fleet;
    this.homeDevices = Map.copyOf(homeDevices);
    this.admission = Map.copyOf(admission);
    this.timeline = timeline;
  }

  void look() {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(CONFIG_MAP).get();
    Map<String, String> data = cm == null || cm.getData() == null ? Map.of() : cm.getData();
    for (String source : homeDevices.keySet()) {
      Route route = route(source, data);
      if (route.problem() != null && !route.problem().equals(said.get(source))) {
        timeline.fleet(fleet.now(), "gateway: " + route.problem());
      }
      if (route.problem() == null) {
        said.remove(source);
      } else {
        said.put(source, route.problem());
      }
      Moved now = moved.getOrDefault(source, new Moved(source, 0));
      long want = route.target().equals(source) || !fleet.knows(route.target())
          ? 0
          : Math.round(homeDevices.get(source) * route.percent() / 100.0);
      if (now.devices() > 0 && !now.target().equals(route.target())) {
        back(source, now.target(), now.devices(), route);
        now = new Moved(source, 0);
      }
      if (want > now.devices()) {
        long delta = want - now.devices();
        fleet.shift(source, route.target(), delta, rate(route));
        timeline.fleet(fleet.now(), "gateway: routing " + route.percent() + "% of " + source + " to " + route.target()
            + ", " + io.failwise.model.Format.plural(delta, "device") + " moving at " + Math.round(rate(route)) + "/s.");
        moved.put(source, new Moved(route.target(), want));
      } else if (want < now.devices()) {
        back(source, now.target(), now.devices() - want, route);
        moved.put(source, new Moved(want == 0 ? source : now.target(), want));
      } else {
        moved.put(source, now);
      }
    }
  }

  private void back(String source, String from, long devices, Route route) {
    double rate = route.ratePerSecond() != null ? route.ratePerSecond() : DEFAULT_ADMISSION_SHARE * admission.getOrDefault(source, 100.0);
    fleet.failback(source, from, devices, rate);
    timeline.fleet(fleet.now(), "gateway: " + io.failwise.model.Format.plural(devices, "device") + " of " + source + " moving back from "
        + from + " at " + Math.round(rate) + "/s.");
  }

  private double rate(Route route) {
    return route.ratePerSecond() != null ? route.ratePerSecond() : DEFAULT_ADMISSION_SHARE * admission.getOrDefault(route.target(), 100.0);
  }

  /**
   * The route the table gives {@code source}: an absent percent is all of it; a percent it cannot read
   * keeps the devices home (said, with the key); a garbled rate is the default rate.
   */
  static Route route(String source, Map<String, String> data) {
    String target = data.getOrDefault(source + ".target", source);
    target = target == null || target.isBlank() ? source : target.trim();
    Double rate = number(data.get(source + ".ratePerSecond")).filter(r -> r > 0).orElse(null);
    String percentText = data.get(source + ".percent");
    Double percent = percentText == null ? Double.valueOf(100.0) : number(percentText).filter(p -> p >= 0 && p <= 100).orElse(null);
    if (percent == null) {
      // Never all for a value it cannot read: a "5%" once moved every device of a 5% drill.
      return new Route(
          source, 0, rate,
          "ConfigMap " + CONFIG_MAP + ", key " + source + ".percent: '" + percentText + "' is not a number from 0 to 100;"
              + " " + source + "'s devices stay home until it is.");
    }
    return new Route(target, percent, rate);
  }

  private static java.util.Optional<Double> number(String text) {
    if (text == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Double.parseDouble(text.trim()));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
