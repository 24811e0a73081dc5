package io.failwise.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The console's pages in Debian's headless Chromium, for the browser tests. */
final class ConsoleBrowser {
  private static final List<String> CHROMIUM_FLAGS =
      List.of(
          "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--no-first-run");

  private ConsoleBrowser() {}

  /** A page of the console in headless Chromium (Debian's, never a download), console errors collected. */
  static void inBrowser(List<String> errors, BrowserSession session) throws Exception {
    Path profile = Files.createTempDirectory("failwise-chromium-");
    try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        BrowserContext browser =
            pw.chromium()
                .launchPersistentContext(
                    profile,
                    new BrowserType.LaunchPersistentContextOptions()
                        .setExecutablePath(chromium())
                        .setHeadless(true)
                        .setArgs(CHROMIUM_FLAGS)
                        .setViewportSize(1280, 900))) {
      Page page = browser.newPage();
      page.onConsoleMessage(m -> {
        if (m.type().equals("error") || m.type().equals("warning")) {
          errors.add(m.type() + ": " + m.text() + " at " + m.location());
        }
      });
      page.onPageError(e -> errors.add("uncaught: " + e));
      session.on(page);
    }
  }

  @FunctionalInterface
  interface BrowserSession {
    void on(Page page) throws Exception;
  }

  private static Path chromium() {
    Path p = Path.of(System.getenv().getOrDefault("FAILWISE_CHROMIUM", "/usr/bin/chromium"));
    assertTrue(Files.isExecutable(p), p + " is not installed: .ci/run installs Debian's chromium package when it is missing");
    return p;
  }
}
