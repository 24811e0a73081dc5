package io.failwise.testing;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

/** What a stream prints, line by line as it prints it, for a test to wait on with {@code poll(timeout)}. */
public final class LineQueue {
  private LineQueue() {}

  /**
   * Reads {@code in} on a daemon thread named {@code name} into the queue it returns; when the stream
   * ends (or fails: its error follows in brackets) the line {@code end} gives comes last.
   */
  public static BlockingQueue<String> of(InputStream in, String name, Callable<String> end) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      String failed = "";
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        failed = " (" + e + ")";
      }
      try {
        lines.add(end.call() + failed);
      } catch (Exception e) {
        lines.add("the end of the stream could not be told: " + e + failed);
      }
    }, name);
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
