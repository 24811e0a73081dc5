package io.failwise.cli.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterSpec;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverSpec;
import io.failwise.api.Region;
import io.failwise.api.RegionSpec;
import io.failwise.sim.Scenario;
import io.failwise.cli.world.LivingFleet;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The resources the demo applies: the sample regions and clusters (the built-in scenarios use them),
 * a Cluster for any other cluster a scenario file names, the playbooks, and a Shadow policy over all.
 */
final class DemoResources {
  static final String POLICY = "fleet-shadow";
  static final Map<String, String> FLEET_LABEL = Map.of("fleet", "chargers");

  private DemoResources() {}

  /**
   * Creates everything; every cluster is observed through the world's simulated Prometheus, the way a
   * production cluster is observed through its real one.
   */
  static void create(KubernetesClient client, String namespace, Scenario sc, LivingFleet world) throws Exception {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    for (String file : List.of("regions.yaml", "clusters.yaml")) {
      try (InputStream in = DemoResources.class.getClassLoader().getResourceAsStream("failwise/samples/" + file)) {
        for (HasMetadata item : client.load(in).items()) {
          if ("Cluster".equals(item.getKind())) {
            Cluster c = client.getKubernetesSerialization().convertValue(item, Cluster.class);
            world.observe(c);
            client.resource(c).create();
          } else {
            client.resource(client.getKubernetesSerialization().convertValue(item, Region.class)).create();
          }
        }
      }
    }
    Set<String> known =
        client.resources(Cluster.class).inNamespace(namespace).list().getItems().stream()
            .map(c -> c.getMetadata().getName())
            .collect(Collectors.toSet());
    List<io.failwise.sim.ClusterSetup> extra = sc.clusters().stream().filter(c -> !known.contains(c.name())).toList();
    if (!extra.isEmpty()) {
      client.resource(region("simulated")).create();
      for (int i = 0; i < extra.size(); i++) {
        String target = extra.size() > 1 ? extra.get((i + 1) % extra.size()).name() : null;
        Cluster c = cluster(namespace, extra.get(i), target);
        world.observe(c);
        client.resource(c).create();
      }
    }
    client.resource(policy(namespace)).create();
  }

  /**
   * Shadow: decisions are recorded, nothing is executed. The prior is the one in the example
   * for a provider's capacity incident: median 90 minutes, 90th percentile 6 hours.
   */
  static FailoverPolicy policy(String namespace) {
    FailoverPolicy p = new FailoverPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(POLICY).build());
    FailoverPolicySpec s = new FailoverPolicySpec();
    s.selector = new FailoverPolicySpec.Selector();
    s.selector.matchLabels = FLEET_LABEL;
    s.mode = FailoverPolicySpec.Mode.Shadow;
    s.trigger = new FailoverPolicySpec.Trigger();
    s.trigger.outageForSeconds = 60L;
    s.trigger.minOfflineDevices = 1000L;
    s.trigger.materialChange = 0.5;
    s.durationPrior = new FailoverPolicySpec.DurationPriorSpec();
    s.durationPrior.medianMinutes = 90.0;
    s.durationPrior.p90Minutes = 360.0;
    p.setSpec(s);
    return p;
  }

  private static Region region(String name) {
    Region r = new Region();
    r.setMetadata(new ObjectMetaBuilder().withName(name).build());
    r.setSpec(new RegionSpec());
    r.getSpec().provider = "simulated";
    r.getSpec().displayName = "Clusters of a scenario file";
    return r;
  }

  private static Cluster cluster(String namespace, io.failwise.sim.ClusterSetup setup, String target) {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(setup.name()).withLabels(FLEET_LABEL).build());
    ClusterSpec s = new ClusterSpec();
    s.region = "simulated";
    s.capacity = new ClusterSpec.Capacity();
    s.capacity.devices = setup.capacityDevices();
    s.admission = new ClusterSpec.Admission();
    s.admission.devicesPerSecond = setup.admissionDevicesPerSecond();
    s.failover = new FailoverSpec();
    s.failover.cutoverSeconds = 900L;
    if (target != null) {
      s.failover.targets.add(new FailoverSpec.Target(target, 0));
    }
    c.setSpec(s);
    return c;
  }
}
