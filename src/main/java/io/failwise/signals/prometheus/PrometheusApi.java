package io.failwise.signals.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The one call Failwise makes to a Prometheus server: a range query that must return one series. */
public interface PrometheusApi {
  /** One point of a series. */
  record Point(Instant at, double value) {}

  /**
   * Evaluates {@code query} at every {@code step} from {@code start} to {@code end}. Steps with no data
   * are absent; no series at all is an empty list.
   *
   * @throws PrometheusQueryException when there is no usable answer; never another exception
   */
  List<Point> range(String baseUrl, String query, Instant start, Instant end, Duration step, Duration timeout)
      throws PrometheusQueryException;
}
