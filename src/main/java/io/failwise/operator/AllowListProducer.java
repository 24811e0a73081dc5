package io.failwise.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.execution.WebhookAllowList;
import io.failwise.model.security.ObjectAllowList;
import io.failwise.model.security.SecretAllowList;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The owner's allow-lists from the settings ({@code failwise.allow.*}). A rule that does not parse
 * stops the controller at start, naming the setting: better than running with a list that says less
 * than the owner meant.
 */
public class AllowListProducer {
  private static final Logger LOG = Logger.getLogger(AllowListProducer.class);

  @Produces
  @Singleton
  ObjectAllowList objects(FailwiseConfig config) {
    return ObjectAllowList.parse(config.allow().objects().orElse(List.of()));
  }

  @Produces
  @Singleton
  SecretAllowList secrets(FailwiseConfig config) {
    return SecretAllowList.parse(config.allow().secrets().orElse(List.of()));
  }

  @Produces
  @Singleton
  WebhookAllowList webhooks(FailwiseConfig config, KubernetesClient client) {
    return WebhookAllowList.parse(config.allow().webhooks().orElse(List.of()), apiServerAddresses(client), WebhookAllowList.systemResolver());
  }

  /** Where the API server answers: its URL's host and, in a pod, the kubernetes Service's address. */
  static Set<InetAddress> apiServerAddresses(KubernetesClient client) {
    Set<InetAddress> addresses = new HashSet<>();
    List<String> hosts = new java.util.ArrayList<>();
    hosts.add(client.getMasterUrl().getHost());
    String inCluster = System.getenv("KUBERNETES_SERVICE_HOST");
    if (inCluster != null && !inCluster.isBlank()) {
      hosts.add(inCluster);
    }
    for (String host : hosts) {
      try {
        addresses.addAll(List.of(InetAddress.getAllByName(host)));
      } catch (UnknownHostException e) {
        LOG.warnf("The API server's host %s does not resolve; webhooks to it are refused only by the allow-list", host);
      }
    }
    return addresses;
  }
}
