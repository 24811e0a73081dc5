package io.failwise.cli.world;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings that {@code run --embedded --speed N} must make before Quarkus reads its configuration:
 * the controller reads its signals every 15 simulated seconds and looks at runs every 5, so at N
 * times real speed it does both N times as often in wall time (but not more than 10 times a second).
 */
public final class WorldSettings {
  static final Duration FLOOR = Duration.ofMillis(100);

  private WorldSettings() {}

  /** The properties to set for {@code args}; none when --speed is absent or not a number (picocli says so later). */
  public static Map<String, String> beforeQuarkus(List<String> args) {
    Map<String, String> settings = new LinkedHashMap<>();
    double speed = speed(args);
    if (speed > 1) {
      settings.put("failwise.poll-interval", scaled(Duration.ofSeconds(15), speed));
      settings.put("failwise.runs.tick-interval", scaled(Duration.ofSeconds(5), speed));
    }
    return settings;
  }

  static double speed(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String value = a.startsWith("--speed=") ? a.substring(8) : a.equals("--speed") && i + 1 < args.size() ? args.get(i + 1) : null;
      if (value != null) {
        try {
          return Double.parseDouble(value);
        } catch (NumberFormatException e) {
          return 1;
        }
      }
    }
    return 1;
  }

  static String scaled(Duration d, double speed) {
    return Math.max(FLOOR.toMillis(), Math.round(d.toMillis() / speed)) + "ms";
  }
}
