package io.failwise.execution;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where webhook actions may call ({@code failwise.allow.webhooks}): URL prefixes of scheme, host,
 * port and path. HTTPS unless a prefix says http:// explicitly. A URL whose host is, or resolves to,
 * a loopback, link-local (the cloud metadata endpoint), unspecified or multicast address, or the
 * API server's, is refused unless its prefix names that very address: a DNS name someone else
 * controls cannot turn an allowed host into the metadata endpoint.
 */
public final class WebhookAllowList {
  /** The setting that holds the prefixes, for messages. */
  public static final String SETTING = "failwise.allow.webhooks";

  /** Resolves a host name to its addresses (the system resolver, or a test's table). */
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final List<Prefix> prefixes;
  private final Set<InetAddress> apiServer;
  private final Resolver resolver;

  public WebhookAllowList(List<Prefix> prefixes, Set<InetAddress> apiServer, Resolver resolver) {
    this.prefixes = List.copyOf(prefixes);
    this.apiServer = Set.copyOf(apiServer);
    this.resolver = resolver;
  }

  /**
   * Parses prefixes as written in the setting; {@code apiServer} are the API server's addresses.
   *
   * @throws IllegalArgumentException naming the setting, the prefix and what is valid
   */
  public static WebhookAllowList parse(List<String> texts, Set<InetAddress> apiServer, Resolver resolver) {
    List<Prefix> prefixes = new ArrayList<>();
    for (String t : texts) {
      if (t != null && !t.isBlank()) {
        prefixes.add(Prefix.parse(t.trim()));
      }
    }
    return new WebhookAllowList(prefixes, apiServer, resolver);
  }

  /** The system's resolver. */
  public static Resolver systemResolver() {
    return InetAddress::getAllByName;
  }

  public List<Prefix> prefixes() {
    return prefixes;
  }

  /**
   * Why a webhook may not call {@code url}; empty if it may.
   *
   * @param mustResolve when the host does not resolve: true refuses (about to send), false lets it
   *     pass (checked again when sent; a run is not refused for a DNS hiccup at admission)
   */
  public Optional<String> refusal(String url, boolean mustResolve) {
    URI uri;
    try {
      uri = new URI(url).normalize();
    } catch (URISyntaxException e) {
      return Optional.of("'" + url + "' is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      return Optional.of("'" + url + "' is not an http(s) URL with a host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("'" + redact(uri) + "' carries credentials in the URL: reference a Secret with authorization.secretName instead");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String lowerPath = path.toLowerCase(Locale.ROOT);
    if (path.startsWith("/..") || lowerPath.contains("%2e") || lowerPath.contains("%2f")) {
      return Optional.of(url + " has a path that climbs out of its prefix ('..', or an encoded dot or slash)");
    }
    Optional<Prefix> match = prefixes.stream().filter(p -> p.matches(scheme, host, port, path)).findFirst();
    if (match.isEmpty()) {
      boolean wouldBeHttps = scheme.equals("http") && prefixes.stream().anyMatch(p -> p.matches("https", host, port == 80 ? 443 : port, path));
      return Optional.of(
          url + " is not in the webhook allow-list: "
              + (prefixes.isEmpty() ? "no prefix is listed in " + SETTING
                  : "it matches no prefix of " + SETTING + " (" + prefixes.stream().map(Prefix::text).collect(Collectors.joining(", ")) + ")")
              + (wouldBeHttps ? "; webhooks use HTTPS unless a prefix names http:// explicitly" : ""));
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return mustResolve ? Optional.of(url + ": host " + host + " does not resolve") : Optional.empty();
    }
    for (InetAddress a : addresses) {
      Optional<String> kind = special(a);
      if (kind.isPresent() && !match.get().namesAddress(a)) {
        return Optional.of(
            url + " resolves to " + a.getHostAddress() + ", " + kind.get() + ": refused unless a prefix of " + SETTING
                + " names that address itself (e.g. " + scheme + "://" + literal(a) + ":" + port + "/)");
      }
    }
    return Optional.empty();
  }

  private Optional<String> special(InetAddress a) {
    if (apiServer.contains(a)) {
      return Optional.of("the Kubernetes API server");
    }
    if (a.isLoopbackAddress()) {
      return Optional.of("a loopback address");
    }
    if (a.isLinkLocalAddress()) {
      return Optional.of("a link-local address (where clouds serve instance metadata and credentials)");
    }
    if (a.isAnyLocalAddress()) {
      return Optional.of("the unspecified address");
    }
    if (a.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    if (a.getHostAddress().equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254")) {
      return Optional.of("the AWS instance metadata address");
    }
    return Optional.empty();
  }

  private static String literal(InetAddress a) {
    return a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
  }

  private static String redact(URI uri) {
    return uri.getScheme() + "://***@" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + uri.getRawPath();
  }

  static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  /** One allowed prefix: scheme, host, port and path (a path ending in / covers what is under it). */
  public record Prefix(String text, String scheme, String host, int port, String path) {
    static Prefix parse(String text) {
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(SETTING + ": '" + text + "' is not a URL: " + e.getReason(), e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            SETTING + ": '" + text + "' must be a URL prefix of scheme, host, optional port and path, e.g. https://provisioning.example.com/v1/");
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return new Prefix(text, scheme, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme), path);
    }

    boolean matches(String scheme, String host, int port, String path) {
      if (!this.scheme.equals(scheme) || !this.host.equals(host) || this.port != port) {
        return false;
      }
      if (this.path.endsWith("/")) {
        return path.startsWith(this.path);
      }
      return path.equals(this.path) || path.startsWith(this.path + "/");
    }

    /** Whether the prefix names {@code a} as an address literal (or localhost for a loopback one). */
    boolean namesAddress(InetAddress a) {
      String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      if (a.isLoopbackAddress() && h.equals("localhost")) {
        return true;
      }
      try {
        return isLiteral(h) && InetAddress.getByName(h).equals(a);
      } catch (UnknownHostException e) {
        return false;
      }
    }

    private static boolean isLiteral(String h) {
      return h.contains(":") || h.matches("[0-9.]+");
    }
  }
}
