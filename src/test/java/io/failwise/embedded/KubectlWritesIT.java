package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl's writes on the embedded API server as on a cluster: apply's merges, create, server-side apply. */
class KubectlWritesIT extends OnSamplesServer {
  @Test
  void kubectlApplyOfAChangedConfigMapOrDeploymentMergesAsOnACluster() throws Exception {
    Path cm = dir.resolve("settings.yaml");
    Files.writeString(cm, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: failwise}\ndata: {mode: drill, owner: sre}\n");
    kubectl.run("apply", "-f", cm.toString());
    Files.writeString(cm, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: failwise}\ndata: {mode: live}\n");
    assertTrue(kubectl.run("apply", "-f", cm.toString()).contains("configmap/settings configured"));
    assertEquals("{\"mode\":\"live\"}", kubectl.run("get", "cm", "settings", "-n", "failwise", "-o", "jsonpath={.data}"), "owner dropped with the file");

    // A new image for one container: kubectl sends that container only; the stored one keeps its ports.
    Path deploy = dir.resolve("gateway.yaml");
    String gateway = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: edge-gateway, namespace: failwise}
        spec:
          replicas: 2
          selector: {matchLabels: {app: edge}}
          template:
            metadata: {labels: {app: edge}}
            spec:
              containers:
              - {name: gateway, image: "gw:%s", ports: [{containerPort: 8883}]}
              - {name: sidecar, image: "sc:1"}
        """;
    Files.writeString(deploy, gateway.formatted("1"));
    kubectl.run("apply", "-f", deploy.toString());
    Files.writeString(deploy, gateway.formatted("2"));
    assertTrue(kubectl.run("apply", "-f", deploy.toString()).contains("deployment.apps/edge-gateway configured"));
    assertEquals(
        "gateway gw:2 8883 sidecar sc:1 ",
        kubectl.run("get", "deploy", "edge-gateway", "-n", "failwise", "-o",
            "jsonpath={range .spec.template.spec.containers[*]}{.name} {.image} {.ports[0].containerPort}{' '}{end}").replace("  ", " "));
  }


  @Test
  void kubectlCreateOfAConfigMapASecretAndANamespaceWorksAsOnACluster() throws Exception {
    // kubectl 1.32 and later send these as Kubernetes protobuf; the server used to fail on the body and
    // send no answer at all, so kubectl hung (--request-timeout makes that a failure here).
    var configMaps = server.client().configMaps().inNamespace("failwise");
    try {
      assertTrue(kubectl.run("--request-timeout=20s", "create", "configmap", "failwise-halt", "-n", "failwise").contains("configmap/failwise-halt created"));
      kubectl.run("--request-timeout=20s", "create", "configmap", "drill-notes", "-n", "failwise", "--from-literal=owner=sre", "--from-literal=mode=drill");
      assertEquals(java.util.Map.of("owner", "sre", "mode", "drill"), configMaps.withName("drill-notes").get().getData());
      kubectl.run("--request-timeout=20s", "create", "secret", "generic", "webhook-token", "-n", "failwise", "--from-literal=token=s3cret");
      assertEquals("czNjcmV0", server.client().secrets().inNamespace("failwise").withName("webhook-token").get().getData().get("token"));
      kubectl.run("--request-timeout=20s", "create", "namespace", "failwise-drills");
      assertTrue(server.client().namespaces().withName("failwise-drills").get() != null);
    } finally {
      configMaps.withName("failwise-halt").delete();
      configMaps.withName("drill-notes").delete();
      server.client().secrets().inNamespace("failwise").withName("webhook-token").delete();
      server.client().namespaces().withName("failwise-drills").delete();
    }
  }


  @Test
  void kubectlCreateOfAKindTheServerDoesNotDecodeIsAnsweredAtOnceWithTheWayAround() throws Exception {
    KubectlOnServer.Outcome created = kubectl.outcome("--request-timeout=20s", "create", "serviceaccount", "robot", "-n", "failwise");
    try {
      if (created.exitCode() != 0) {
        // kubectl 1.32 and later: protobuf of a ServiceAccount, which the server does not decode (415)
        assertTrue(created.output().contains("does not decode application/vnd.kubernetes.protobuf")
            && created.output().contains("--dry-run=client -o yaml | kubectl apply -f -"), created.output());
        String yaml = kubectl.run("create", "serviceaccount", "robot", "-n", "failwise", "--dry-run=client", "-o", "yaml");
        KubectlOnServer.Outcome applied = kubectl.apply(yaml);
        assertEquals(0, applied.exitCode(), applied.output());
      }
      assertTrue(server.client().serviceAccounts().inNamespace("failwise").withName("robot").get() != null);
    } finally {
      server.client().serviceAccounts().inNamespace("failwise").withName("robot").delete();
    }
  }


  @Test
  void kubectlServerSideApplyCreatesThenUpdatesThroughTheSameChecks() throws Exception {
    // kubectl apply --server-side (and Argo CD's ServerSideApply=true): the first apply creates the
    // policy, with the CRD's defaults; the second changes it, its list replacing the stored one; a bad
    // value is refused with the field, as any write. (Field ownership is not kept: ServerSideApply.)
    var policies = server.client().genericKubernetesResources("failwise.io/v1alpha1", "FailoverPolicy").inNamespace("failwise");
    Path file = dir.resolve("ssa.yaml");
    String head = "apiVersion: failwise.io/v1alpha1\nkind: FailoverPolicy\nmetadata: {name: ssa, namespace: failwise}\n";
    try {
      Files.writeString(file, head + "spec: {selector: {clusters: [go-eu-west-1, go-eu-west-2]}}\n");
      String created = kubectl.run("apply", "--server-side", "-f", file.toString());
      assertTrue(created.contains("failoverpolicy.failwise.io/ssa serverside-applied"), created);
      assertEquals("Shadow", (String) policies.withName("ssa").get().get("spec", "mode"));
      Files.writeString(file, head + "spec: {mode: Stage, playbook: regional-failover, selector: {clusters: [go-eu-west-1]}}\n");
      kubectl.run("apply", "--server-side", "-f", file.toString());
      var stored = policies.withName("ssa").get();
      assertEquals("Stage", (String) stored.get("spec", "mode"));
      assertEquals(List.of("go-eu-west-1"), stored.get("spec", "selector", "clusters"));
      Files.writeString(file, head + "spec: {mode: Sometimes, selector: {clusters: [go-eu-west-1]}}\n");
      KubectlOnServer.Outcome bad = kubectl.outcome("apply", "--server-side", "-f", file.toString());
      assertTrue(bad.exitCode() != 0 && bad.output().contains("spec.mode: Unsupported value: \"Sometimes\""), bad.output());
      assertEquals("Stage", (String) policies.withName("ssa").get().get("spec", "mode"), "nothing changed");
    } finally {
      policies.withName("ssa").delete();
    }
  }

}
