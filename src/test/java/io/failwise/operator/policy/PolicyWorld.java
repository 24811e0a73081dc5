package io.failwise.operator.policy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverRun;
import io.failwise.api.Fixtures;
import io.failwise.api.Region;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.operator.run.HaltSwitch;
import io.failwise.operator.run.SourceLedger;
import io.failwise.testing.TestOperator;
import io.javaoperatorsdk.operator.Operator;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The world the policy ITs share: the controller on the test API server, the clock and halt reset around
 * each test, and the objects they make (namespaces, the total outage, policies) and read (decisions, runs).
 */
abstract class PolicyWorld {
  static final Duration PATIENCE = Duration.ofSeconds(30);

  @Inject KubernetesClient client;
  @Inject Operator operator;
  @Inject HaltSwitch halt;
  @Inject SourceLedger ledger;
  @Inject ShiftedClock clock;
  @Inject PolicyRuns policyRuns;
  @Inject io.failwise.model.estimate.FailoverEstimator estimator;

  @BeforeEach
  void start() {
    clock.reset();
    halt.resume();
    TestOperator.ensureStarted(operator);
  }

  @AfterEach
  void cleanUp() {
    clock.reset();
    halt.resume();
  }

  /**
   * 100,000 devices all offline, a healthy target with room, and the regional-failover playbook;
   * {@code moreTargets} after go-target, by priority (created with the cluster: an edit while the
   * controller writes its status could meet a conflict).
   */
  void totalOutage(String ns, String... moreTargets) {
    totalOutage(ns, c -> {}, moreTargets);
  }

  /** With {@code change} made to go-total's spec before it is created. */
  void totalOutage(String ns, java.util.function.Consumer<Cluster> change, String... moreTargets) {
    String[] targets = new String[moreTargets.length + 1];
    targets[0] = "go-target";
    System.arraycopy(moreTargets, 0, targets, 1, moreTargets.length);
    Cluster total = Fixtures.cluster(ns, "go-total", "eu-west", 100_000, 0, targets);
    total.getSpec().failover.cutoverSeconds = 600L;
    change.accept(total);
    Cluster target = Fixtures.cluster(ns, "go-target", "eu-north", 50_000, 50_000);
    target.getSpec().capacity.devices = 300_000L;
    client.resource(target).create();
    client.resource(total).create();
    for (var doc : ResourceFiles.read(List.of(Path.of("playbooks/regional-failover.yaml")))) {
      FailoverPlaybook p = ResourceFiles.convert(doc, FailoverPlaybook.class);
      p.getMetadata().setNamespace(ns);
      p.getMetadata().setResourceVersion(null);
      client.resource(p).create();
    }
  }

  Decision awaitDecision(String ns, String policy) {
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverPolicy p = policy(ns, policy);
      assertNotNull(p.getStatus(), "the policy has a status");
      assertTrue(!p.getStatus().decisions.isEmpty(), "the policy has decided: " + p.getStatus().conditions
          + "; clusters: " + client.resources(Cluster.class).inNamespace(ns).list().getItems().stream().map(c -> c.getMetadata().getName() + " " + (c.getStatus() == null ? null : c.getStatus().conditions)).toList());
    });
    return policy(ns, policy).getStatus().decisions.get(0);
  }

  FailoverPolicy policy(String ns, String name, FailoverPolicySpec.Mode mode, List<String> clusters, String playbook) {
    FailoverPolicy p = new FailoverPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(1L).build());
    FailoverPolicySpec spec = new FailoverPolicySpec();
    spec.selector = new FailoverPolicySpec.Selector();
    spec.selector.clusters = new ArrayList<>(clusters);
    spec.trigger.outageForSeconds = 0L; // no waiting in tests: decide on the first look at the Outage
    spec.mode = mode;
    spec.playbook = playbook;
    // A prior of long outages: failing over a total outage clearly pays off.
    spec.durationPrior = prior(600, 2000);
    p.setSpec(spec);
    return p;
  }

  static FailoverPolicySpec.DurationPriorSpec prior(double median, double p90) {
    var prior = new FailoverPolicySpec.DurationPriorSpec();
    prior.medianMinutes = median;
    prior.p90Minutes = p90;
    return prior;
  }

  FailoverPolicy policy(String ns, String name) {
    return client.resources(FailoverPolicy.class).inNamespace(ns).withName(name).get();
  }

  List<FailoverRun> runs(String ns) {
    return client.resources(FailoverRun.class).inNamespace(ns).list().getItems();
  }

  static List<String> names(List<FailoverRun> runs) {
    return runs.stream().map(r -> r.getMetadata().getName()).sorted().toList();
  }

  String namespace(String ns) {
    for (String region : List.of("eu-west", "eu-north")) {
      if (client.resources(Region.class).withName(region).get() == null) {
        client.resource(Fixtures.region(region)).create();
      }
    }
    if (client.namespaces().withName(ns).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    return ns;
  }
}
