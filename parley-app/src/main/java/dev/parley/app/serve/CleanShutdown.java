package dev.parley.app.serve;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into an orderly stop with exit status 0. The JVM answers those
 * signals by running shutdown hooks and then exiting 128+signal; our hook closes the server
 * (every client gets {@code bye shutdown}, the store is flushed) and then halts with 0 itself,
 * so the status says "stopped as asked". A close that fails or hangs past {@link #CLOSE_LIMIT}
 * halts with 1 instead, so a stuck shutdown can never keep the process alive.
 *
 * <p>Installed only once the server is running: a start that fails exits through the normal
 * error path with its own status.
 */
public final class CleanShutdown {
  static final Duration CLOSE_LIMIT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(CleanShutdown.class);

  private CleanShutdown() {}

  public static void install(AutoCloseable server) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "parley-shutdown"));
  }

  private static void stop(AutoCloseable server) {
    Thread watchdog = new Thread(CleanShutdown::haltWhenStuck, "parley-shutdown-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    int status = 0;
    try {
      log.info("shutting down");
      server.close();
      log.info("stopped");
    } catch (Exception | Error e) {
      log.error("shutdown failed: {}", e.toString());
      status = 1;
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }

  private static void haltWhenStuck() {
    try {
      Thread.sleep(CLOSE_LIMIT.toMillis());
    } catch (InterruptedException e) {
      return;
    }
    log.error("shutdown took longer than {}s; halting", CLOSE_LIMIT.toSeconds());
    System.err.flush();
    Runtime.getRuntime().halt(1);
  }
}
