package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.EstimateFiles.CLUSTERS;
import static io.failwise.cli.estimate.EstimateFiles.SCENARIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code failwise estimate --chart}: never written over an input or over a file that is not a chart. */
class EstimateChartFileTest {
  @TempDir Path dir;

  private Path scenario() throws IOException {
    return EstimateFiles.write(dir, "inc.yaml", CLUSTERS + SCENARIO);
  }

  /** Exit 2, nothing estimated, one line naming --chart and the file; the input is unchanged. */
  private void assertRefused(String chart, String expected, String... files) throws IOException {
    Path input = dir.resolve("inc.yaml");
    String before = Files.readString(input);
    String[] args = new String[files.length * 2 + 3];
    args[0] = "estimate";
    for (int i = 0; i < files.length; i++) {
      args[1 + 2 * i] = "-f";
      args[2 + 2 * i] = files[i];
    }
    args[args.length - 2] = "--chart";
    args[args.length - 1] = chart;
    Cli.Result r = Cli.run(args);
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals("", r.out(), "nothing estimated");
    assertTrue(r.err().contains("--chart " + chart), "names the option and the file: " + r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(before, Files.readString(input), "the scenario is intact");
  }

  @Test
  void theChartIsNotWrittenOverAnInput() throws IOException {
    Path input = scenario();
    assertRefused(input.toString(), "is the input " + input + " (-f); give another file for the chart, e.g. inc.svg", input.toString());
    // The same file by another path: relative with "..", and through a symbolic link.
    Path other = Files.createDirectory(dir.resolve("sub"));
    assertRefused(other + "/../inc.yaml", "is the input", input.toString());
    Path link = Files.createSymbolicLink(dir.resolve("link.svg"), input);
    assertRefused(link.toString(), "is the input", input.toString());
    // A file the folder given with -f would be read from.
    assertRefused(input.toString(), "is the input " + dir, dir.toString());
  }

  @Test
  void anExistingFileThatIsNotAnSvgIsNotOverwritten() throws IOException {
    Path input = scenario();
    Path notes = Files.writeString(dir.resolve("notes.txt"), "post-mortem notes\n");
    assertRefused(notes.toString(), "the file exists and is not an SVG (it does not start with <svg or <?xml)", input.toString());
    assertEquals("post-mortem notes\n", Files.readString(notes));
    assertRefused(dir.toString(), "is a folder", input.toString());
  }

  /** The chart is SVG whatever the name says: a name of another format is refused, not filled with SVG. */
  @Test
  void aNameThatIsNotAnSvgIsRefused() throws IOException {
    Path input = scenario();
    assertRefused(dir.resolve("march-12.png").toString(), "the chart is written as SVG only; give a name ending in .svg, e.g. march-12.svg",
        input.toString());
    assertRefused(dir.resolve("chart").toString(), "give a name ending in .svg, e.g. chart.svg", input.toString());
    assertFalse(Files.exists(dir.resolve("march-12.png")), "nothing written");
    Cli.Result upper = Cli.run("estimate", "-f", input.toString(), "--chart", dir.resolve("MARCH.SVG").toString());
    assertEquals(0, upper.exitCode(), upper.err());
    assertEquals("failwise estimate: wrote the decision chart to " + dir.resolve("MARCH.SVG"), upper.err().strip(), "said, on stderr");
  }

  /**
   * A chart that cannot be written fails the command before it prints anything: it printed the whole
   * estimate, then exited 2, and a pipeline that keeps stdout had an answer from a failed command.
   */
  @Test
  void aChartThatCannotBeWrittenIsRefusedBeforeTheEstimateIsPrinted() throws IOException {
    Path input = scenario();
    assertRefused(dir.resolve("nodir").resolve("c.svg").toString(), "folder " + dir.toRealPath().resolve("nodir") + " does not exist",
        input.toString());
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertRefused(file.resolve("c.svg").toString(), "does not exist", input.toString());
  }

  @Test
  void aChartInAReadOnlyFolderIsRefusedBeforeTheEstimateIsPrinted() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root writes read-only folders");
    Path input = scenario();
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    assertTrue(readOnly.toFile().setWritable(false));
    try {
      assertRefused(readOnly.resolve("c.svg").toString(), "is read-only", input.toString());
    } finally {
      readOnly.toFile().setWritable(true);
    }
  }

  @Test
  void aChartItWroteIsRewritten() throws IOException {
    Path input = scenario();
    Path chart = dir.resolve("inc.svg");
    for (int i = 0; i < 2; i++) { // new, then over the chart written the first time
      Cli.Result r = Cli.run("estimate", "-f", input.toString(), "--chart", chart.toString());
      assertEquals(0, r.exitCode(), r.err());
      String svg = Files.readString(chart);
      assertTrue(svg.startsWith("<svg"), svg);
      assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
    }
  }
}
