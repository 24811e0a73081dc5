package io.failwise.cli;

import io.failwise.model.Format;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.model.detect.MaintenanceSchedule;
import io.failwise.model.detect.MaintenanceWindow;
import io.failwise.signals.replay.SeriesCsv;
import io.failwise.signals.replay.SeriesReplay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code failwise bench detection --series FILE.csv}: an external series through the production detector. */
final class SeriesReplayReport {
  /** The controller's default: failwise.signals.stale-after. */
  static final Duration STALE_AFTER = Duration.ofSeconds(60);

  private SeriesReplayReport() {}

  static void run(Path file, List<String> maintenance, OutputFormat.TextJson output, PrintWriter out) throws Exception {
    List<SeriesCsv.Row> rows;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      rows = SeriesCsv.read(file.toString(), in);
    } catch (NoSuchFileException e) {
      throw new UserInputException("--series: " + file + " does not exist");
    } catch (SeriesCsv.BadSeries e) {
      throw new UserInputException(e.getMessage());
    } catch (IOException e) {
      throw new UserInputException("--series: cannot read " + file + ": " + e.getMessage());
    }
    MaintenanceSchedule windows = windows(maintenance);
    SeriesReplay.Result r = SeriesReplay.replay(rows, DetectorSettings.defaults(), STALE_AFTER, windows);
    if (output == OutputFormat.TextJson.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      List<Map<String, Object>> intervals = new ArrayList<>();
      for (SeriesReplay.Interval i : r.intervals()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("condition", i.condition());
        m.put("reason", i.reason());
        m.put("from", i.from().getEpochSecond());
        m.put("to", i.to() == null ? null : i.to().getEpochSecond());
        intervals.add(m);
      }
      json.put("intervals", intervals);
      json.put("firstOutageAt", r.firstOutageAt() == null ? null : r.firstOutageAt().getEpochSecond());
      out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
      return;
    }
    out.printf(
        "%s: %d rows from %s to %s, replayed at 15 s through the production detector.%n%n",
        file, rows.size(), rows.get(0).at(), rows.get(rows.size() - 1).at());
    if (r.intervals().isEmpty()) {
      out.println("Healthy throughout: no Outage, Degraded or Unknown.");
      return;
    }
    Table t = new Table("CONDITION", "REASON", "FROM", "TO", "FOR");
    for (SeriesReplay.Interval i : r.intervals()) {
      t.row(
          i.condition(), i.reason(), i.from(), i.to() == null ? "(end)" : i.to(),
          i.to() == null ? "-" : Format.duration(Duration.between(i.from(), i.to())));
    }
    t.print(out);
    out.printf("%nFirst Outage: %s%n", r.firstOutageAt() == null ? "none" : r.firstOutageAt());
  }

  /** One-off windows given as START/END, both RFC 3339. */
  private static MaintenanceSchedule windows(List<String> specs) {
    List<MaintenanceWindow> windows = new ArrayList<>();
    for (String s : specs == null ? List.<String>of() : specs) {
      String[] parts = s.split("/", 2);
      try {
        Instant from = OffsetDateTime.parse(parts[0].trim()).toInstant();
        Instant to = OffsetDateTime.parse(parts[1].trim()).toInstant();
        windows.add(MaintenanceWindow.once("--maintenance " + s, from, to));
      } catch (DateTimeException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
        throw new UserInputException(
            "--maintenance: '" + s + "' is not START/END in RFC 3339 with END after START and at most 24 h later,"
                + " e.g. 2026-03-14T02:00:00Z/2026-03-14T02:30:00Z");
      }
    }
    return new MaintenanceSchedule(windows);
  }
}
