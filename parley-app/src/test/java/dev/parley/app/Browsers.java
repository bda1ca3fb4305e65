package dev.parley.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link Browser}s for one test and closes them after it. When the test failed it first
 * saves what each one showed ({@code target/screenshots/failed-…png}) and prints its console,
 * so a failure on CI can be looked at.
 */
final class Browsers implements AfterEachCallback {
  private final List<Browser> started = new CopyOnWriteArrayList<>();

  Browser start() {
    Browser browser = Browser.start();
    started.add(browser);
    return browser;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    boolean failed = context.getExecutionException().isPresent();
    // The method's name, and for a parameterised test which invocation ("[1] DISABLED").
    String test = context.getRequiredTestMethod().getName()
        + context.getDisplayName().replaceAll("^[^\\[]*", "").replaceAll("[^A-Za-z0-9_-]+", "-");
    for (int i = 0; i < started.size(); i++) {
      Browser browser = started.get(i);
      try {
        if (failed) {
          var shot = browser.screenshot(Browser.SCREENSHOTS.resolve("failed-" + test + "-" + (i + 1) + ".png"));
          System.err.printf("---- browser %d of %s: %s; console:%n%s%n----%n",
              i + 1, test, shot.toAbsolutePath(), browser.consoleLog());
        }
      } catch (RuntimeException e) {
        System.err.printf("---- browser %d of %s: no screenshot (%s)%n", i + 1, test, e);
      } finally {
        browser.close();
      }
    }
    started.clear();
  }
}
