package io.failwise.cli.estimate;

import io.failwise.cli.UserInputException;
import io.failwise.console.DecisionChartSvg;
import io.failwise.console.DecisionCurves;
import io.failwise.model.estimate.Estimate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** {@code estimate --chart FILE.svg}: the console's decision chart, written to a file for a post-mortem. */
final class DecisionChartFile {
  /** How much of an existing file is read to tell whether it is an SVG. */
  private static final int HEAD_BYTES = 512;

  private DecisionChartFile() {}

  /**
   * Refuses, before anything is estimated, a chart file that is one of the inputs (by its real path,
   * through symbolic links and relative paths) or an existing file that is not an SVG: writing the chart
   * there would destroy what it holds; and one that cannot be written (its folder missing or read-only, the
   * file read-only), so that the estimate is not printed before the command fails; and a name that
   * does not end in .svg (the chart is SVG whatever the name says).
   */
  static void check(Path file, List<Path> inputs) {
    Path target = real(file);
    if (Files.isDirectory(target)) {
      throw new UserInputException("--chart " + file + ": is a folder; give the name of an .svg file to write");
    }
    Path parent = target.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UserInputException("--chart " + file + ": folder " + parent + " does not exist; create it or give a file in an existing folder");
    }
    if (Files.exists(target) ? !Files.isWritable(target) : parent != null && !Files.isWritable(parent)) {
      throw new UserInputException("--chart " + file + ": cannot be written (" + (Files.exists(target) ? "the file" : "folder " + parent)
          + " is read-only); give a file you may write");
    }
    for (Path input : inputs) {
      Path in = real(input);
      if (in.equals(target) || (Files.isDirectory(in) && target.startsWith(in) && isYaml(target))) {
        throw new UserInputException(
            "--chart " + file + ": is the input " + input + " (-f); give another file for the chart, e.g. "
                + nameWithout(file) + ".svg");
      }
    }
    if (Files.exists(target) && !isSvg(target)) {
      throw new UserInputException(
          "--chart " + file + ": the file exists and is not an SVG (it does not start with <svg or <?xml); failwise"
              + " overwrites only a chart it wrote: give a new file or remove this one");
    }
    if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg")) {
      // A viewer opening c.png would have found SVG in it, and nothing said so.
      throw new UserInputException("--chart " + file + ": the chart is written as SVG only; give a name ending in .svg, e.g. "
          + nameWithout(file) + ".svg");
    }
  }

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

  /**
   * The path with every symbolic link resolved: of the file when it exists, else of its folder with the
   * name (a dangling link resolves to where it points).
   */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      if (Files.exists(abs)) {
        return abs.toRealPath();
      }
      if (Files.isSymbolicLink(abs)) {
        Path to = Files.readSymbolicLink(abs);
        return real(abs.getParent().resolve(to));
      }
      Path parent = abs.getParent();
      return parent != null && Files.isDirectory(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
    } catch (IOException e) {
      return abs;
    }
  }

  private static boolean isYaml(Path p) {
    String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static String nameWithout(Path file) {
    String name = file.getFileName() == null ? "chart" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** Whether the file starts, after a byte-order mark and blanks, with {@code <svg} or {@code <?xml}. */
  private static boolean isSvg(Path p) {
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
      return false;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(p)) {
      head = in.readNBytes(HEAD_BYTES);
    } catch (IOException e) {
      return false;
    }
    if (head.length == 0) {
      return true; // an empty file holds nothing to lose
    }
    String text = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
    return text.startsWith("<svg") || text.startsWith("<?xml");
  }
}
