package dev.parley.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Debian Chromium with a profile of its own, driven through Debian's chromedriver.
 * Both are named explicitly, so Selenium never looks for (or downloads) a browser or driver;
 * {@code scripts/install-test-tools.sh} installs them, and Maven runs it before these tests.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Where tests leave pictures of the page (target/screenshots of parley-app). */
  static final Path SCREENSHOTS = Path.of(System.getProperty("parley.screenshots", "target/screenshots"));

  static {
    // Selenium warns that it has no CDP bindings for this Chromium; the tests need none (the
    // few DevTools commands they send go through chromedriver), so that is noise.
    Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
  }

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
  }

  /** A new browser window of 1280x800, with nothing stored from earlier runs. */
  static Browser start() {
    requireInstalled();
    Path profile;
    try {
      profile = Files.createTempDirectory("parley-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // root in a container has no user namespaces for the sandbox
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,800",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    return new Browser(service, driver, profile);
  }

  /** Fails (never skips) when the tools are missing, saying how to install them. */
  static void requireInstalled() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("The browser tests need %s and %s (Debian packages chromium and chromium-driver). "
              + "Maven installs them before the integration tests when it runs as root; "
              + "otherwise run: sudo scripts/install-test-tools.sh",
          CHROMIUM, CHROMEDRIVER);
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Sends one Chrome DevTools Protocol command through chromedriver. */
  Map<String, Object> devTools(String command, Map<String, Object> parameters) {
    return driver.executeCdpCommand(command, parameters);
  }

  /** Runs {@code script} in every page this browser loads from now on, before the page's own. */
  void beforeEveryPage(String script) {
    devTools("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
  }

  /** Cuts the browser off the network (new connections fail), or puts it back. */
  void setOffline(boolean offline) {
    devTools("Network.enable", Map.of());
    devTools("Network.emulateNetworkConditions", Map.of(
        "offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  /** Makes the page's viewport exactly {@code width}x{@code height} CSS pixels, as a desktop's. */
  void emulateScreen(int width, int height) {
    devTools("Emulation.setDeviceMetricsOverride", Map.of(
        "width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  /** Emulates a phone's screen: {@code width}x{@code height} CSS pixels at twice the density. */
  void emulatePhone(int width, int height) {
    devTools("Emulation.setDeviceMetricsOverride", Map.of(
        "width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
  }

  /** Saves what the window shows as a PNG; returns the path. */
  Path screenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's console messages so far, one a line, for a failing test's report. */
  String consoleLog() {
    try {
      List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
      return entries.stream().map(LogEntry::toString).collect(Collectors.joining("\n"));
    } catch (RuntimeException e) {
      return "(console not available: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
