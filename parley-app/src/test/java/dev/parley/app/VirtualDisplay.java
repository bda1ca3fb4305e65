package dev.parley.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real X display for desktop windows: Debian's Xvfb (installed by
 * {@code scripts/install-test-tools.sh}) on a display number nobody uses, with no TCP listener.
 * Xvfb missing is a failure that says what to install, never a skipped test.
 */
final class VirtualDisplay implements AutoCloseable {
  private static final int FIRST = 91;
  private static final int TRIES = 40;
  private static final long START_MILLIS = 15_000;

  private final Process process;
  private final int number;

  private VirtualDisplay(Process process, int number) {
    this.process = process;
    this.number = number;
  }

  static VirtualDisplay start(int width, int height) {
    String xvfb = Files.isExecutable(Path.of("/usr/bin/Xvfb")) ? "/usr/bin/Xvfb" : null;
    if (xvfb == null) {
      fail("Xvfb is not installed: run scripts/install-test-tools.sh as root (it installs Debian's xvfb"
          + " and fonts-noto-cjk), or apt-get install xvfb fonts-noto-cjk");
    }
    for (int n = FIRST; n < FIRST + TRIES; n++) {
      if (Files.exists(socket(n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
        continue; // someone else's display
      }
      try {
        Process p = new ProcessBuilder(xvfb, ":" + n, "-screen", "0", width + "x" + height + "x24", "-nolisten", "tcp")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (awaitSocket(p, n)) {
          return new VirtualDisplay(p, n);
        }
        p.destroyForcibly(); // lost a race for this number: try the next
      } catch (IOException e) {
        fail("cannot start Xvfb: " + e.getMessage());
      }
    }
    return fail("no free X display number from :" + FIRST + " to :" + (FIRST + TRIES - 1));
  }

  private static boolean awaitSocket(Process p, int n) {
    long end = System.currentTimeMillis() + START_MILLIS;
    try {
      while (System.currentTimeMillis() < end) {
        if (Files.exists(socket(n))) {
          return true;
        }
        if (p.waitFor(100, TimeUnit.MILLISECONDS)) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private static Path socket(int n) {
    return Path.of("/tmp/.X11-unix/X" + n);
  }

  /** What {@code DISPLAY} is set to for the windows: {@code :N}. */
  String name() {
    return ":" + number;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
