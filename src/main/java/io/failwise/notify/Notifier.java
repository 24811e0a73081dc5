package io.failwise.notify;

import io.failwise.execution.ActionException;
import io.failwise.execution.SecretSource;
import io.failwise.execution.WebhookAllowList;
import io.failwise.operator.FailwiseConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Posts notices to the channels of {@code failwise.notifications.channels}, off the reconcilers' threads:
 * a reconcile never waits for Slack. Each channel's URL is read from its Secret when a notice is
 * sent (so a rotated URL takes effect at once), checked against the webhook allow-list like any
 * webhook, and never logged, nor written anywhere: messages name the Secret instead. A failed post
 * (connection refused, HTTP 429 or 5xx) is retried with exponential backoff (Resilience4j); a 4xx
 * other than 429 is not. Redirects are not followed. Built at start ({@code @Startup}), so that a
 * bad channel setting stops the controller there, naming it, and not in the middle of a run.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class Notifier {
  private static final Logger LOG = Logger.getLogger(Notifier.class);
  private static final int QUEUE = 1_000;

  /** What became of a notice on one channel: for tests and the log; names the Secret, never the URL. */
  public record Delivery(String channel, Notice.Kind kind, boolean delivered, int attempts, String detail) {}

  private final List<NotifyChannel> channels;
  private final SecretSource secrets;
  private final WebhookAllowList allowed;
  private final RetryConfig retry;
  private final int attempts;
  private final Duration timeout;
  private final Consumer<String> log;
  private final HttpClient http;
  private final ThreadPoolExecutor sender;

  @Inject
  public Notifier(FailwiseConfig config, SecretSource secrets, WebhookAllowList allowed) {
    this(NotifyChannel.parse(config.notifications().channels().orElse(List.of())), secrets, allowed, config.notifications().attempts(),
        config.notifications().backoff(), config.notifications().timeout(), LOG::warn);
  }

  public Notifier(List<NotifyChannel> channels, SecretSource secrets, WebhookAllowList allowed, int attempts, Duration backoff, Duration timeout,
      Consumer<String> log) {
    this.channels = List.copyOf(channels);
    this.secrets = secrets;
    this.allowed = allowed;
    this.attempts = attempts;
    this.timeout = timeout;
    this.log = log;
    this.retry = RetryConfig.custom()
        .maxAttempts(attempts)
        .intervalFunction(IntervalFunction.ofExponentialBackoff(backoff, 2.0))
        .retryOnException(e -> e instanceof Retryable)
        .build();
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "failwise-notify");
      t.setDaemon(true);
      return t;
    });
  }

  /** Whether any channel is configured (nothing to build otherwise). */
  public boolean enabled() {
    return !channels.isEmpty();
  }

  /** Sends {@code notice} to every channel that wants it, in the background; the future says how each went. */
  public CompletableFuture<List<Delivery>> post(Notice notice) {
    List<NotifyChannel> to = channels.stream().filter(c -> c.wants(notice.kind())).toList();
    if (to.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    try {
      return CompletableFuture.supplyAsync(() -> {
        List<Delivery> done = new ArrayList<>();
        for (NotifyChannel c : to) {
          Delivery d = send(c, notice);
          if (!d.delivered()) {
            log.accept("Notification (" + notice.kind().setting() + ", " + notice.resource() + ") to the channel in Secret " + c.secret()
                + " not delivered after " + d.attempts() + (d.attempts() == 1 ? " attempt: " : " attempts: ") + d.detail());
          }
          done.add(d);
        }
        return done;
      }, sender);
    } catch (RejectedExecutionException e) {
      log.accept("Notification (" + notice.kind().setting() + ", " + notice.resource() + ") dropped: " + QUEUE + " notifications are already waiting");
      return CompletableFuture.completedFuture(List.of());
    }
  }

  private Delivery send(NotifyChannel c, Notice notice) {
    String url;
    try {
      Optional<String> read = secrets.read(c.secretNamespace(), c.secretName(), c.key());
      if (read.isEmpty()) {
        return new Delivery(c.secret(), notice.kind(), false, 0, "Secret " + c.secret() + " has no key " + c.key());
      }
      url = read.get().trim();
    } catch (ActionException e) {
      return new Delivery(c.secret(), notice.kind(), false, 0, e.getMessage());
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return new Delivery(c.secret(), notice.kind(), false, 0, "the URL in Secret " + c.secret() + " (key " + c.key() + ") is not a URL");
    }
    if (allowed.refusal(url, true).isPresent()) {
      // The refusal's sentence quotes the URL: say which Secret instead.
      return new Delivery(c.secret(), notice.kind(), false, 0,
          "the URL in Secret " + c.secret() + " (key " + c.key() + ") is not in failwise.allow.webhooks (or resolves to an address it refuses)");
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
        .header("User-Agent", "failwise-notify").POST(HttpRequest.BodyPublishers.ofString(NoticeBody.of(c.format(), notice))).build();
    AtomicInteger tries = new AtomicInteger();
    try {
      Retry.of("notify", retry).executeCheckedSupplier(() -> post(request, tries));
      return new Delivery(c.secret(), notice.kind(), true, tries.get(), "HTTP 2xx");
    } catch (Throwable e) {
      return new Delivery(c.secret(), notice.kind(), false, tries.get(), e.getMessage());
    }
  }

  private Void post(HttpRequest request, AtomicInteger tries) throws Exception {
    tries.incrementAndGet();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // Not e.getMessage(): some name the host and port, and the URL is a secret.
      throw new Retryable(e.getClass().getSimpleName());
    }
    int code = response.statusCode();
    if (code / 100 == 2) {
      return null;
    }
    if (code == 429 || code >= 500) {
      throw new Retryable("HTTP " + code);
    }
    throw new IllegalStateException("HTTP " + code + (code / 100 == 3 ? " (redirects are not followed)" : ""));
  }

  /** Attempts per notice, the first included. */
  public int attempts() {
    return attempts;
  }

  @PreDestroy
  public void close() {
    sender.shutdownNow();
  }

  /** A failure worth another attempt. */
  static final class Retryable extends Exception {
    Retryable(String message) {
      super(message, null, false, false);
    }
  }
}
