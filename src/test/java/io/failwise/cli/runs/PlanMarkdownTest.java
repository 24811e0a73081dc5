package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `plan -o markdown`: a pull-request comment with the same facts as the text, in tables that render. */
class PlanMarkdownTest {
  private static final String[] REGIONAL = {"plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source",
      "go-eu-west-1"};

  private static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /** Cells of a table row: split on pipes that are not escaped. */
  private static int cells(String row) {
    return row.replace("\\|", "").split("\\|", -1).length - 2;
  }

  @Test
  void theRegionalFailoverPlanIsACommentWithTheStepsTheWavesThePrechecksAndTheEstimate() {
    Cli.Result md = Cli.run(with(REGIONAL, "-o", "markdown", "--settings", "manifests/settings/application.properties"));
    assertEquals(0, md.exitCode(), md.err());
    List<String> lines = md.out().lines().toList();
    assertEquals("### Failwise plan: failover of `go-eu-west-1` to `go-eu-north-1` (playbook `regional-failover`)", lines.get(0));
    Cli.Result text = Cli.run(REGIONAL);
    // The same facts as the text: each step's summary, and the estimate's recommendation.
    for (String step : List.of("precheck", "approve", "scale-target-gateway", "shift", "verify", "failback")) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("| ") && l.contains(" | " + step + " | ")), step + " in\n" + md.out());
      assertTrue(text.out().contains(step), step);
    }
    String recommendation = text.out().lines().filter(l -> l.startsWith("Estimate: ")).findFirst().orElseThrow().substring("Estimate: ".length());
    assertTrue(md.out().contains("**Estimate: " + recommendation.replace(" to go-eu-north-1", "") + "**"), md.out());
    assertEquals(2, lines.stream().filter(l -> l.startsWith("<details><summary>Waves of ")).count(), "shift and failback, folded");
    // Each count under the cluster it is at: the failback's devices back home, and those still away.
    assertTrue(lines.contains("| Wave | Percent | Devices | At `go-eu-north-1` | Paced | Lasts |"), md.out());
    assertTrue(lines.contains("| Wave | Percent | Devices | Back at `go-eu-west-1` | Left at `go-eu-north-1` | Paced | Lasts |"), md.out());
    assertTrue(lines.contains("| 1 | 10% | 18,000 | 18,000 | 162,000 (90%) | 24 s | 6 min 24 s |"), md.out());
    assertTrue(lines.contains("| 3 | 100% | 90,000 | 180,000 | 0 (0%) | 1 min 58 s | 7 min 58 s |"), md.out());
    assertEquals(lines.stream().filter(l -> l.startsWith("<details>")).count(), lines.stream().filter(l -> l.equals("</details>")).count());
    assertTrue(md.out().contains("**Allow-lists** (manifests/settings/application.properties): every object and webhook of the plan is allowed."));
    // Every row of a table has as many cells as its header, so GitHub renders it.
    int header = -1;
    for (String l : lines) {
      if (!l.startsWith("|")) {
        header = -1;
      } else if (header < 0) {
        header = cells(l);
      } else {
        assertEquals(header, cells(l), l);
      }
    }
  }

  @Test
  void aRefusedPlanIsACommentTooAndExits2(@TempDir Path dir) throws Exception {
    Path playbook = dir.resolve("hijack.yaml");
    Files.writeString(playbook, Files.readString(Path.of("playbooks/quarterly-drill.yaml"))
        .replace("name: quarterly-drill", "name: hijack").replace("name: device-routing", "name: coredns\n          namespace: kube-system"));
    Cli.Result r = Cli.run("plan", "-o", "markdown", "-f", playbook.toString(), "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--settings", "manifests/settings/application.properties");
    assertEquals(2, r.exitCode());
    assertTrue(r.out().startsWith("### Failwise plan: refused\n\n- Refused before its first step: in step shift-canary, ConfigMap kube-system/coredns"), r.out());
    assertTrue(r.err().startsWith("failwise plan: Refused before its first step"), r.err());
  }

  @Test
  void cellsEscapePipesAndMarkupAndStayOnOneLine() {
    assertEquals("a \\| b &lt;script&gt; c d", PlanMarkdown.cell("a | b <script> c\nd"));
  }
}
