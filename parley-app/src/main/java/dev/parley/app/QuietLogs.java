package dev.parley.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the client library's log lines out of a command's own output: on a chat terminal they
 * would tear through the prompt, so logging is off; in pipe mode and for a chaos run only
 * warnings reach standard error. An explicit {@code -Dparley.log.level} (in
 * {@code PARLEY_JAVA_OPTS}) wins.
 */
public final class QuietLogs {
  private QuietLogs() {}

  public static void install(boolean terminal) {
    if (System.getProperty("parley.log.level") != null) {
      return;
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(terminal ? Level.OFF : Level.WARN);
    ((Logger) LoggerFactory.getLogger("io.netty")).setLevel(terminal ? Level.OFF : Level.WARN);
  }
}
