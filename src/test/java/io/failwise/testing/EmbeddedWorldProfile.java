package io.failwise.testing;

import io.failwise.cli.EmbeddedMode;
import io.failwise.cli.world.WorldSettings;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Quarkus application configured as {@code failwise run --embedded --speed N} configures itself
 * (the same {@link WorldSettings}, the samples' allow-lists, the production budget and back-off),
 * on the embedded API server rather than the test one. The world itself is started by running the
 * command ({@link LivingWorld}).
 */
public abstract class EmbeddedWorldProfile implements QuarkusTestProfile {
  /** Simulated seconds per wall second, the command's --speed. */
  public abstract double speed();

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> settings = new HashMap<>(WorldSettings.beforeQuarkus(List.of("--speed", String.valueOf(speed()))));
    settings.put("failwise.allow.objects", EmbeddedMode.SAMPLE_OBJECTS);
    settings.put("failwise.allow.webhooks", EmbeddedMode.SAMPLE_WEBHOOKS);
    // What a user's world has, not the other tests' shortcuts (application.properties' %test values).
    settings.put("failwise.runs.budget.failovers-per-day", "2");
    settings.put("failwise.runs.budget.failbacks-per-day", "2");
    settings.put("failwise.runs.webhook-backoff", "1s");
    settings.put("failwise.runs.settle", "6m");
    settings.put("quarkus.operator-sdk.crd.apply", "false");
    return settings;
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(EmbeddedServerResource.class));
  }
}
