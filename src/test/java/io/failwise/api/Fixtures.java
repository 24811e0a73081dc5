package io.failwise.api;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** Resources for tests, shaped like the samples. */
public final class Fixtures {
  private Fixtures() {}

  public static Region region(String name) {
    Region r = new Region();
    r.setMetadata(new ObjectMetaBuilder().withName(name).build());
    r.setSpec(new RegionSpec());
    r.getSpec().provider = "azure";
    r.getSpec().location = name;
    return r;
  }

  public static Cluster cluster(String namespace, String name, String region, long expected, long connected, String... targets) {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withGeneration(1L).build());
    ClusterSpec s = new ClusterSpec();
    s.region = region;
    s.capacity = new ClusterSpec.Capacity();
    s.capacity.devices = 250_000L;
    s.admission = new ClusterSpec.Admission();
    s.admission.devicesPerSecond = 960.0;
    s.failover = new FailoverSpec();
    s.failover.cutoverSeconds = 900L;
    for (int i = 0; i < targets.length; i++) {
      s.failover.targets.add(new FailoverSpec.Target(targets[i], i));
    }
    s.signals = new SignalsSpec();
    s.signals.staticSignal = new SignalsSpec.StaticSignal();
    s.signals.staticSignal.expected = expected;
    s.signals.staticSignal.connected = connected;
    c.setSpec(s);
    return c;
  }

  public static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> items) {
    return items.stream().map(i -> i.getMetadata().getName()).toList();
  }
}
