package dev.parley.app.chat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the library's log lines off a chat screen: on a terminal they would tear through the
 * prompt, so logging is off; in pipe mode only warnings reach standard error. An explicit
 * {@code -Dparley.log.level} (in {@code PARLEY_JAVA_OPTS}) wins.
 */
final class QuietLogs {
  private QuietLogs() {}

  static void install(boolean terminal) {
    if (System.getProperty("parley.log.level") != null) {
      return;
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(terminal ? Level.OFF : Level.WARN);
    ((Logger) LoggerFactory.getLogger("io.netty")).setLevel(terminal ? Level.OFF : Level.WARN);
  }
}
