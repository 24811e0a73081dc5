package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleBenchTest {
  private static ScaleBench.Result result(List<Long> lags, List<String> errors) {
    return new ScaleBench.Result(1000, 10, 100, 42.04, 97.0, 180, 1.234, 0, 12, lags, errors, 300, 200);
  }

  @Test
  void percentilesAreNearestRankOverTheMeasuredLags() {
    List<Long> lags = new ArrayList<>();
    for (long i = 1; i <= 50; i++) {
      lags.add(i * 10);
    }
    ScaleBench.Result r = result(lags, List.of());
    assertEquals(250, r.percentile(50));
    assertEquals(480, r.percentile(95));
    assertEquals(500, r.percentile(99), "of 50 lags the p99 is the slowest");
  }

  @Test
  void theJsonHasTheFieldsTheIssueNames() {
    Map<String, Object> json = result(List.of(100L, 200L, 300L), List.of("x: status did not show the Outage within 30 s")).json();
    for (String field : List.of("clusters", "runs", "secondsToAllStatus", "secondsToRunsSettled", "heapAfterGcMiB", "idleCpuPercent", "statusWritesPerMinuteIdle", "statusLagMs", "errors")) {
      assertTrue(json.containsKey(field), field);
    }
    assertEquals(1000, json.get("clusters"));
    assertEquals(42.0, json.get("secondsToAllStatus"));
    assertEquals(1.23, json.get("idleCpuPercent"));
    assertEquals(Map.of("p50", 200L, "p95", 300L, "p99", 300L), json.get("statusLagMs"));
    assertEquals(1, json.get("errors"));
  }

  @Test
  void badSizesAreRefusedBeforeAnythingStarts() {
    var run = BenchCommandTest.bench("scale", "--clusters", "1");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("--clusters must be 2 or more"), run.err());
    var runs = BenchCommandTest.bench("scale", "--clusters", "10", "--runs", "11");
    assertEquals(2, runs.exitCode(), runs.err());
  }

  /** At any size every cluster fails over into another region: with 100 clusters in one region every run was refused at once. */
  @Test
  void everyClustersTargetIsInAnotherRegionAtEverySize() {
    assertEquals(2, ScaleBench.regions(100));
    assertEquals(10, ScaleBench.regions(1000));
    for (int n = 2; n <= 450; n++) {
      int regions = ScaleBench.regions(n);
      for (int i = 0; i < n; i++) {
        int t = ScaleBench.targetOf(i, n, regions);
        assertTrue(t != i && t % regions != i % regions, n + " clusters: " + i + " -> " + t);
      }
    }
    assertEquals(1, ScaleBench.targetOf(0, 1000, 10), "the next cluster, as before, where it is in another region");
  }
}
