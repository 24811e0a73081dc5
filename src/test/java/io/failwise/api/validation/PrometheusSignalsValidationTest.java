package io.failwise.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterSpec;
import io.failwise.api.SignalsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrometheusSignalsValidationTest {
  private static final ClusterValidator.References REFS = new ClusterValidator.References(Set.of("eu-west"), Set.of("c"));

  @Test
  void validObserversPass() {
    assertEquals(List.of(), problems(cluster(observer("prom-a", "http://127.0.0.1:9090"), observer("prom-b", "https://p.example:443/prom"))));
  }

  @Test
  void eachBadFieldIsNamedWithWhatIsValid() {
    SignalsSpec.PrometheusObserver bad = observer("Prom_A", "ftp://x");
    bad.connectedQuery = " ";
    bad.timeoutSeconds = 0;
    List<String> fields = problems(cluster(bad)).stream().map(Problem::field).toList();
    assertEquals(
        List.of(
            "spec.signals.prometheus[0].name",
            "spec.signals.prometheus[0].url",
            "spec.signals.prometheus[0].connectedQuery",
            "spec.signals.prometheus[0].timeoutSeconds"),
        fields);
    String all = ClusterValidator.summary(problems(cluster(bad)));
    assertEquals(true, all.contains("http:// or https:// URL"), all);
    assertEquals(true, all.contains("between 1 and 60, got 0"), all);
  }

  @Test
  void duplicateNamesAndAQuorumAboveTheObserversAreRejected() {
    Cluster c = cluster(observer("p", "http://a:9090"), observer("p", "http://b:9090"));
    c.getSpec().signals.quorum = 3;
    List<Problem> problems = problems(c);
    assertEquals("spec.signals.quorum: cannot exceed the number of observers (2), got 3", problems.get(0).toString());
    assertEquals("spec.signals.prometheus[1].name: 'p' is used by another observer", problems.get(1).toString());
  }

  @Test
  void staticAndPrometheusTogetherIsAmbiguous() {
    Cluster c = cluster(observer("p", "http://a:9090"));
    c.getSpec().signals.staticSignal = new SignalsSpec.StaticSignal();
    assertEquals("spec.signals", problems(c).get(0).field());
  }

  @Test
  void quorumDefaultsToAMajority() {
    SignalsSpec s = new SignalsSpec();
    s.prometheus = new ArrayList<>(List.of(observer("a", "http://a"), observer("b", "http://b"), observer("c", "http://c")));
    assertEquals(2, s.effectiveQuorum());
    s.prometheus.remove(2);
    assertEquals(2, s.effectiveQuorum());
    s.quorum = 1;
    assertEquals(1, s.effectiveQuorum());
  }

  private static List<Problem> problems(Cluster c) {
    return ClusterValidator.validate(c, REFS);
  }

  private static SignalsSpec.PrometheusObserver observer(String name, String url) {
    return new SignalsSpec.PrometheusObserver(name, url, "sum(fleet_devices_connected)", null);
  }

  private static Cluster cluster(SignalsSpec.PrometheusObserver... observers) {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName("c").withNamespace("n").build());
    ClusterSpec spec = new ClusterSpec();
    spec.region = "eu-west";
    spec.capacity = new ClusterSpec.Capacity();
    spec.capacity.devices = 1000L;
    spec.admission = new ClusterSpec.Admission();
    spec.admission.devicesPerSecond = 10.0;
    spec.signals = new SignalsSpec();
    spec.signals.prometheus = new ArrayList<>(List.of(observers));
    c.setSpec(spec);
    return c;
  }
}
