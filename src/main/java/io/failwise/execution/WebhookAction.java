package io.failwise.execution;

import io.failwise.api.ActionSpec;
import io.failwise.model.run.Templates;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves devices by an HTTP call, e.g. a provider's failover or re-provisioning API. Each call carries
 * an {@code Idempotency-Key} header (run uid, step and wave) that is the same on every retry and after
 * a controller restart, so a receiver that honours it acts once. Retries network errors, 408, 429 and
 * 5xx with exponential backoff and jitter; a circuit breaker per host stops hammering a failing API.
 */
@ApplicationScoped
public class WebhookAction implements StepAction {
  public static final String TYPE = "webhook";
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  public static final String RUN_HEADER = "X-Failwise-Run";

  /** Headers that carry credentials: they come from a Secret (authorization), never from the playbook. */
  static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "x-api-key");

  private final HttpClient http;
  private final Duration backoff;
  private final CircuitBreakerRegistry breakers;
  private final WebhookAllowList allowed;
  private final SecretSource secrets;

  @Inject
  public WebhookAction(
      @ConfigProperty(name = "failwise.runs.webhook-backoff", defaultValue = "1s") Duration backoff,
      WebhookAllowList allowed,
      SecretSource secrets) {
    this(backoff, Duration.ofSeconds(30), allowed, secrets);
  }

  /** @param openFor how long a tripped breaker refuses calls before letting one through */
  public WebhookAction(Duration backoff, Duration openFor, WebhookAllowList allowed, SecretSource secrets) {
    this.allowed = allowed;
    this.secrets = secrets;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    this.backoff = backoff;
    this.breakers =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .recordException(e -> e instanceof RetryableFailure)
                .build());
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<String> refusal(ActionCall call) {
    ActionSpec.Webhook w = call.spec().webhook;
    List<ActionSpec.Request> requests = w.undo == null ? List.of(w) : List.of(w, w.undo);
    for (ActionSpec.Request r : requests) {
      Optional<String> why = refusal(r, call.variables(), false);
      if (why.isPresent()) {
        return why;
      }
    }
    if (w.authorization != null && w.authorization.secretName != null) {
      return secrets.refusal(call.namespace(), w.authorization.secretName)
          .map(why -> "the webhook to " + Templates.render(w.url, call.variables()) + " takes its credentials from a Secret the controller may not read: " + why);
    }
    return Optional.empty();
  }

  private Optional<String> refusal(ActionSpec.Request r, Map<String, String> vars, boolean sending) {
    if (r.headers != null) {
      for (String name : r.headers.keySet()) {
        if (CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
          return Optional.of(
              "the webhook to " + Templates.render(r.url, vars) + " sets header " + name
                  + " in the playbook: credentials come from a Secret named in webhook.authorization.secretName");
        }
      }
    }
    return allowed.refusal(Templates.render(r.url, vars), sending);
  }

  @Override
  public List<SavedState> save(ActionCall call) {
    return List.of();
  }

  @Override
  public void apply(ActionCall call) {
    ActionSpec.Webhook w = call.spec().webhook;
    send(call, w, w);
  }

  @Override
  public void undo(ActionCall call, List<SavedState> saved) {
    ActionSpec.Webhook w = call.spec().webhook;
    if (w.undo != null) {
      send(call, w, w.undo);
    }
  }

  private void send(ActionCall call, ActionSpec.Webhook settings, ActionSpec.Request request) {
    // Checked again at the moment of sending: the host's addresses may have changed since admission.
    refusal(request, call.variables(), true).ifPresent(why -> {
      throw new ActionException("refused: " + why);
    });
    HttpRequest httpRequest = build(call, settings, request, credential(call, settings));
    String host = httpRequest.uri().getHost() + ":" + httpRequest.uri().getPort();
    CircuitBreaker breaker = breakers.circuitBreaker(host);
    int attempts = settings.attempts == null ? 3 : settings.attempts;
    Retry retry =
        Retry.of(
            call.idempotencyKey(),
            RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(backoff, 2.0, 0.2))
                .retryOnException(e -> e instanceof RetryableFailure)
                .build());
    try {
      Retry.decorateRunnable(retry, CircuitBreaker.decorateRunnable(breaker, () -> once(httpRequest))).run();
    } catch (RetryableFailure e) {
      throw new ActionException(
          request.method + " " + httpRequest.uri() + " failed after " + io.failwise.model.Format.plural(attempts, "attempt") + ": " + e.getMessage(), e);
    } catch (CallNotPermittedException e) {
      throw new ActionException(
          "the circuit breaker for " + host + " is open after repeated failures; " + request.method + " " + httpRequest.uri()
              + " was not sent", e);
    }
  }

  private void once(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new RetryableFailure("no answer within " + request.timeout().map(Duration::toSeconds).orElse(0L) + " s");
    } catch (IOException e) {
      throw new RetryableFailure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActionException("interrupted while calling " + request.uri(), e);
    }
    int code = response.statusCode();
    if (code >= 200 && code < 300) {
      return;
    }
    String detail = "HTTP " + code + (response.body() == null || response.body().isBlank() ? "" : ": " + abbreviate(response.body()));
    // 409 with an idempotency key: the same request is still being processed; asking again is safe.
    if (code == 408 || code == 409 || code == 429 || code >= 500) {
      throw new RetryableFailure(detail);
    }
    throw new ActionException(request.method() + " " + request.uri() + " was refused: " + detail);
  }

  /** The Authorization header's value from the Secret, or null; its value never reaches a message. */
  private String credential(ActionCall call, ActionSpec.Webhook settings) {
    ActionSpec.Authorization auth = settings.authorization;
    if (auth == null) {
      return null;
    }
    String key = auth.key == null ? "token" : auth.key;
    String value = secrets.read(call.namespace(), auth.secretName, key)
        .orElseThrow(() -> new ActionException("Secret " + call.namespace() + "/" + auth.secretName + " has no key " + key + " (webhook.authorization)"));
    return (auth.scheme == null ? "Bearer" : auth.scheme) + " " + value;
  }

  static HttpRequest build(ActionCall call, ActionSpec.Webhook settings, ActionSpec.Request request, String authorization) {
    Map<String, String> vars = call.variables();
    String url = Templates.render(request.url, vars);
    String method = request.method == null ? "POST" : request.method.toUpperCase(Locale.ROOT);
    String body = request.body == null ? "" : Templates.render(request.body, vars);
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(url));
    } catch (IllegalArgumentException e) {
      throw new ActionException("'" + url + "' is not a valid URL: " + e.getMessage(), e);
    }
    b.timeout(Duration.ofSeconds(settings.timeoutSeconds == null ? 10 : settings.timeoutSeconds))
        .header(IDEMPOTENCY_KEY, call.idempotencyKey())
        .header(RUN_HEADER, call.namespace() + "/" + call.runName());
    boolean hasContentType = false;
    if (request.headers != null) {
      for (var h : request.headers.entrySet()) {
        b.header(h.getKey(), Templates.render(h.getValue(), vars));
        hasContentType |= h.getKey().equalsIgnoreCase("Content-Type");
      }
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (!body.isEmpty() && !hasContentType) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return b.build();
  }

  private static String abbreviate(String s) {
    String oneLine = s.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  /** A failure worth another attempt. */
  static final class RetryableFailure extends RuntimeException {
    RetryableFailure(String message) {
      super(message, null, false, false);
    }
  }
}
