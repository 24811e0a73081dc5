package io.failwise.cli.estimate;

import io.failwise.cli.UserInputException;
import io.failwise.console.DecisionChartSvg;
import io.failwise.console.DecisionCurves;
import io.failwise.model.estimate.Estimate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code estimate --chart FILE.svg}: the console's decision chart, written to a file for a post-mortem. */
final class DecisionChartFile {
  private DecisionChartFile() {}

  static void write(Path file, String cluster, Estimate estimate) {
    String svg = DecisionChartSvg.render(cluster, DecisionCurves.of(estimate));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UserInputException("--chart " + file + ": folder " + parent + " does not exist");
      }
      Files.writeString(file, svg, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException("--chart " + file + ": cannot write it (" + e.getMessage() + ")");
    }
  }
}
