package io.failwise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

  static java.util.List<BackoffPolicy> presets() {
    return BackoffPolicy.presets();
  }

  @ParameterizedTest
  @MethodSource("presets")
  void delaysStayWithinTheDocumentedBoundsAndAreJittered(BackoffPolicy policy) {
    SplittableRandom random = new SplittableRandom(1);
    for (int failures = 0; failures <= 15; failures++) {
      long min = policy.minDelayMillis(failures);
      long max = policy.maxDelayMillis(failures);
      int f = failures;
      long[] draws = LongStream.range(0, 2_000).map(i -> policy.delayMillis(f, random)).toArray();
      for (long d : draws) {
        assertTrue(d >= min && d <= max, policy.name() + " after " + failures + " failures drew " + d + " outside [" + min + ", " + max + "]");
      }
      // Early retries, where a crowd of devices forms, are spread out. (Later, Azure adds no jitter at
      // its cap and AWS clamps after jittering, so most of its draws are the cap itself.)
      if (failures <= 8 && max > min) {
        long distinct = LongStream.of(draws).distinct().count();
        assertTrue(distinct >= Math.min(20, max - min), policy.name() + " after " + failures + " failures: only " + distinct + " distinct delays");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("presets")
  void delaysGrowWithFailuresUpToACap(BackoffPolicy policy) {
    for (int failures = 1; failures <= 40; failures++) {
      assertTrue(policy.maxDelayMillis(failures) >= policy.maxDelayMillis(failures - 1), policy.name() + " shrinks at " + failures);
    }
    assertTrue(policy.maxDelayMillis(40) >= 2 * policy.maxDelayMillis(0), policy.name() + " barely grows");
    assertTrue(policy.minDelayMillis(40) > policy.minDelayMillis(0) || policy.maxDelayMillis(40) > 50 * policy.maxDelayMillis(0), policy.name() + " does not back off");
    assertEquals(policy.maxDelayMillis(30), policy.maxDelayMillis(60), policy.name() + " has no cap");
  }

  @Test
  void azureRetriesAtOnceThenFrom180msUpTo10s() {
    BackoffPolicy azure = BackoffPolicy.azureIotSdk();
    assertEquals(0, azure.maxDelayMillis(0), "first retry is immediate");
    assertEquals(180, azure.minDelayMillis(1));
    assertEquals(220, azure.maxDelayMillis(1));
    assertEquals(10_000, azure.maxDelayMillis(20));
    assertEquals(10_000, azure.minDelayMillis(20), "the SDK adds no jitter at its cap");
  }

  @Test
  void awsWaitsUpTo1sDoublingTo120sWithFullJitter() {
    BackoffPolicy aws = BackoffPolicy.awsIotSdk();
    assertEquals(1_000, aws.maxDelayMillis(0));
    assertEquals(8_000, aws.maxDelayMillis(3));
    assertEquals(120_000, aws.maxDelayMillis(10));
    SplittableRandom random = new SplittableRandom(2);
    double mean = LongStream.range(0, 20_000).map(i -> aws.delayMillis(3, random)).average().orElseThrow();
    assertTrue(Math.abs(mean - 4_000) < 100, "full jitter over [0, 8 s] averages 4 s, got " + mean);
  }

  @Test
  void ocppWaitsTheMinimumDoubledAtMostRepeatTimesPlusTheRandomRange() {
    BackoffPolicy go = BackoffPolicy.ocppGo();
    assertEquals(10_000, go.minDelayMillis(0));
    assertEquals(25_000, go.maxDelayMillis(0));
    assertEquals(320_000, go.minDelayMillis(5));
    assertEquals(320_000, go.minDelayMillis(9), "no more than 5 doublings");
    BackoffPolicy everest = BackoffPolicy.ocppEverest();
    assertEquals(4_000, everest.minDelayMillis(7));
    assertEquals(6_000, everest.maxDelayMillis(7));
  }

  @Test
  void presetsAreFoundByNameWhateverTheCase() {
    assertEquals("aws-iot-sdk", BackoffPolicy.preset("AWS-IOT-SDK").orElseThrow().name());
    assertTrue(BackoffPolicy.preset("exponential").isEmpty());
  }
}
