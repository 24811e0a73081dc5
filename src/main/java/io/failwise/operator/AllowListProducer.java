package io.failwise.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.execution.WebhookAllowList;
import io.failwise.model.security.ObjectAllowList;
import io.failwise.model.security.SecretAllowList;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The owner's allow-lists from the settings ({@code failwise.allow.*}). A rule that does not parse
 * stops the controller at start, naming the setting: better than running with a list that says less
 * than the owner meant.
 *
 * <p>The webhook allow-list is built when the application starts, whatever the command (the notifier
 * that uses it is built at start), but an API server host that does not resolve is said only when the
 * controller starts ({@link #warnAtControllerStart}): {@code failwise bench decisions --help} or an
 * offline command has no API server to protect and no reason to mention one.
 */
@Singleton
public class AllowListProducer {
  private static final Logger LOG = Logger.getLogger(AllowListProducer.class);

  /** The API server's addresses that resolved, and the hosts that did not. */
  record ApiServer(Set<InetAddress> addresses, List<String> unresolved) {}

  private final Supplier<List<String>> hosts;
  private final WebhookAllowList.Resolver resolver;
  private final Consumer<String> warn;
  private ApiServer apiServer;
  private boolean warned;

  @Inject
  AllowListProducer(KubernetesClient client) {
    this(() -> hosts(client.getMasterUrl().getHost(), System.getenv("KUBERNETES_SERVICE_HOST")), WebhookAllowList.systemResolver(), LOG::warn);
  }

  AllowListProducer(Supplier<List<String>> hosts, WebhookAllowList.Resolver resolver, Consumer<String> warn) {
    this.hosts = hosts;
    this.resolver = resolver;
    this.warn = warn;
  }

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
  WebhookAllowList webhooks(FailwiseConfig config) {
    return webhooks(config.allow().webhooks().orElse(List.of()));
  }

  WebhookAllowList webhooks(List<String> rules) {
    return WebhookAllowList.parse(rules, apiServer().addresses(), resolver);
  }

  /**
   * Says, once, which of the API server's hosts did not resolve (webhooks to it are then refused only
   * by the allow-list): called by {@code failwise run} as the controller starts.
   */
  public synchronized void warnAtControllerStart() {
    if (warned) {
      return;
    }
    warned = true;
    for (String host : apiServer().unresolved()) {
      warn.accept("The API server's host " + host + " does not resolve; webhooks to it are refused only by the allow-list");
    }
  }

  /** Where the API server answers: its URL's host and, in a pod, the kubernetes Service's address. */
  synchronized ApiServer apiServer() {
    if (apiServer == null) {
      Set<InetAddress> addresses = new LinkedHashSet<>();
      List<String> unresolved = new ArrayList<>();
      for (String host : hosts.get()) {
        try {
          addresses.addAll(List.of(resolver.resolve(host)));
        } catch (UnknownHostException e) {
          unresolved.add(host);
        }
      }
      apiServer = new ApiServer(Set.copyOf(addresses), List.copyOf(unresolved));
    }
    return apiServer;
  }

  static List<String> hosts(String masterHost, String inClusterHost) {
    List<String> hosts = new ArrayList<>();
    hosts.add(masterHost);
    if (inClusterHost != null && !inClusterHost.isBlank()) {
      hosts.add(inClusterHost);
    }
    return hosts;
  }
}
