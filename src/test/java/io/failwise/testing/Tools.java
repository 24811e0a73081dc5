package io.failwise.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line tools some tests run (kubectl, promtool). On a developer's machine without one, those
 * tests fall back to an in-Java equivalent or are skipped. CI must not pass by skipping: {@code .ci/run}
 * installs the tools and sets {@code FAILWISE_TESTS_REQUIRE} (a comma-separated list of tool names), and
 * then a missing tool fails the test that needs it instead.
 */
public final class Tools {
  /** The variable that lists the tools a run requires. */
  public static final String REQUIRE = "FAILWISE_TESTS_REQUIRE";

  private Tools() {}

  /** Whether {@code tool} is installed (in /usr/bin or on PATH); fails if it is missing and required. */
  public static boolean has(String tool) {
    return has(tool, System.getenv(REQUIRE));
  }

  static boolean has(String tool, String requiredList) {
    if (installed(tool)) {
      return true;
    }
    if (required(requiredList).contains(tool)) {
      throw new AssertionError(
          tool + " is not installed, and " + REQUIRE + " requires it: .ci/run installs it (see its install steps)");
    }
    return false;
  }

  /** Skips the calling test when {@code tool} is missing, or fails it when the run requires the tool. */
  public static void assume(String tool) {
    Assumptions.assumeTrue(has(tool), tool + " is not installed");
  }

  static List<String> required(String list) {
    return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static boolean installed(String tool) {
    if (Files.isExecutable(Path.of("/usr/bin", tool))) {
      return true;
    }
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(java.io.File.pathSeparator)).anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
  }
}
