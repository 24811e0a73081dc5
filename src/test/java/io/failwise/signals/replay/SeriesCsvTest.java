package io.failwise.signals.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesCsvTest {
  @Test
  void readsUnixSecondsAndRfc3339AndMissingSamples() throws Exception {
    List<SeriesCsv.Row> rows =
        read("ts,connected,expected\n1773344700,176000,180000\n2026-03-12T19:45:15Z,,180000\n1773344730.0,175990.4,\n");
    assertEquals(Instant.parse("2026-03-12T19:45:00Z"), rows.get(0).at());
    assertEquals(176_000L, rows.get(0).connected());
    assertNull(rows.get(1).connected(), "an empty connected is a missing sample");
    assertEquals(175_990L, rows.get(2).connected());
    assertNull(rows.get(2).expected());
  }

  @Test
  void theExpectedColumnIsOptionalAndColumnsMayComeInAnyOrder() throws Exception {
    List<SeriesCsv.Row> rows = read("connected,ts\n5,1773344700\n");
    assertEquals(5L, rows.get(0).connected());
    assertNull(rows.get(0).expected());
  }

  @Test
  void badInputNamesTheLineTheColumnAndWhatIsValid() {
    assertError("", "s.csv: the file is empty");
    assertError("time,connected\n", "s.csv:1: column 1 'time' is unknown; the header is ts,connected,expected");
    assertError("ts,expected\n1,2\n", "s.csv:1: the header needs columns ts and connected");
    assertError("ts,connected,expected\n", "s.csv: no rows after the header");
    assertError("ts,connected,expected\n1773344700,abc,1\n", "s.csv:2: column connected: 'abc' is not a number of devices");
    assertError("ts,connected,expected\n1773344700,1,-5\n", "s.csv:2: column expected: '-5' is not a number of devices");
    assertError("ts,connected,expected\nyesterday,1,1\n", "s.csv:2: column ts: 'yesterday' is neither Unix seconds");
    assertError("ts,connected,expected\n1773344700,1,1\n1773344700,1,1\n", "s.csv:3: column ts: 2026-03-12T19:45:00Z is not after");
    assertError("ts,connected,expected\n1773344700,1,1,9\n", "s.csv:2: 4 columns, the header has 3");
    assertError("ts,connected,expected\n,1,1\n", "s.csv:2: column ts is empty");
    // Milliseconds read as seconds would be the year 58,000; past the long range they would wrap around.
    assertError("ts,connected,expected\n1773344700000,1,1\n",
        "s.csv:2: column ts: 1773344700000 is not Unix seconds from 1970 to 9999 (milliseconds? divide by 1,000)");
    assertError("ts,connected,expected\n18446744075483896316,1,1\n", "s.csv:2: column ts: 18446744075483896316 is not Unix seconds from 1970 to 9999;");
    // A count past 2^53 is no fleet, and past the long range it would be clamped silently.
    assertError("ts,connected,expected\n1773344700,1e20,1e21\n", "s.csv:2: column connected: '1e20' is not a number of devices (0 to 9,007,199,254,740,992;");
  }

  private static void assertError(String csv, String expected) {
    SeriesCsv.BadSeries e = assertThrows(SeriesCsv.BadSeries.class, () -> read(csv));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  private static List<SeriesCsv.Row> read(String csv) throws Exception {
    return SeriesCsv.read("s.csv", new BufferedReader(new StringReader(csv)));
  }
}
