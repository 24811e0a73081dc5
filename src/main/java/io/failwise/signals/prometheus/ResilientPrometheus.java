package io.failwise.signals.prometheus;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PrometheusApi that retries with exponential backoff what may pass on a second try, and stops
 * asking a server that keeps failing (a circuit breaker per base URL), so that a dead Prometheus
 * costs one quick "unreachable" per poll instead of timeouts piling up on the reconciler threads.
 */
public class ResilientPrometheus implements PrometheusApi {
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ResilientPrometheus.class);
  /** How hard to try. */
  public record Policy(int maxAttempts, Duration firstBackoff, int failuresToOpen, Duration openFor) {}

  private final PrometheusApi delegate;
  private final Policy policy;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  /** The last real failure per server, so that "circuit open" still says what went wrong. */
  private final Map<String, PrometheusQueryException> lastFailure = new ConcurrentHashMap<>();
  private final RetryConfig retryConfig;
  /** What the breakers time their open state by: the wall clock, or a test's. */
  private final Clock clock;

  public ResilientPrometheus(PrometheusApi delegate, Policy policy) {
    this(delegate, policy, Clock.systemUTC());
  }

  /** With the clock the circuit breakers' open state is timed by (tests move it instead of sleeping). */
  public ResilientPrometheus(PrometheusApi delegate, Policy policy, Clock clock) {
    this.delegate = delegate;
    this.policy = policy;
    this.clock = clock;
    this.retryConfig =
        RetryConfig.custom()
            .maxAttempts(Math.max(1, policy.maxAttempts()))
            .intervalFunction(IntervalFunction.ofExponentialBackoff(policy.firstBackoff(), 2.0))
            .retryOnException(e -> e instanceof PrometheusQueryException p && p.retryable())
            .failAfterMaxAttempts(false)
            .build();
  }

  @Override
  public List<Point> range(String baseUrl, String query, Instant start, Instant end, Duration step, Duration timeout)
      throws PrometheusQueryException {
    CircuitBreaker breaker = breakers.computeIfAbsent(baseUrl, this::breaker);
    Retry retry = Retry.of("prometheus", retryConfig);
    try {
      List<Point> points =
          Retry.decorateCheckedSupplier(
                  retry, () -> breaker.executeCheckedSupplier(() -> attempt(baseUrl, query, start, end, step, timeout)))
              .get();
      lastFailure.remove(baseUrl);
      return points;
    } catch (CallNotPermittedException e) {
      PrometheusQueryException last = lastFailure.get(baseUrl);
      String why = last == null ? "repeated failures" : last.getMessage();
      throw new PrometheusQueryException(
          last == null ? PrometheusQueryException.UNREACHABLE : last.reason(),
          why + "; not asking again for up to " + policy.openFor().toSeconds() + " s (circuit breaker open)",
          false);
    } catch (PrometheusQueryException e) {
      throw e;
    } catch (Throwable e) {
      throw new PrometheusQueryException(
          PrometheusQueryException.UNREACHABLE, "asking " + baseUrl + " failed: " + e, false);
    }
  }

  private List<Point> attempt(String baseUrl, String query, Instant start, Instant end, Duration step, Duration timeout)
      throws PrometheusQueryException {
    try {
      return delegate.range(baseUrl, query, start, end, step, timeout);
    } catch (PrometheusQueryException e) {
      lastFailure.put(baseUrl, e);
      throw e;
    }
  }

  /** Whether the breaker for {@code baseUrl} is letting calls through. */
  public CircuitBreaker.State state(String baseUrl) {
    CircuitBreaker b = breakers.get(baseUrl);
    return b == null ? CircuitBreaker.State.CLOSED : b.getState();
  }

  private CircuitBreaker breaker(String baseUrl) {
    int window = Math.max(2, policy.failuresToOpen());
    CircuitBreaker breaker = CircuitBreaker.of(
        "prometheus " + baseUrl,
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(window)
            .minimumNumberOfCalls(window)
            .failureRateThreshold(100)
            .waitDurationInOpenState(policy.openFor())
            .permittedNumberOfCallsInHalfOpenState(2)
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .clock(clock)
            // A wrong query is the user's to fix, not a sign that the server is down.
            .recordException(e -> e instanceof PrometheusQueryException p && p.retryable())
            .build());
    breaker.getEventPublisher()
        .onStateTransition(e -> LOG.infof("Prometheus %s: circuit breaker %s -> %s", baseUrl, e.getStateTransition().getFromState(), e.getStateTransition().getToState()));
    return breaker;
  }
}
