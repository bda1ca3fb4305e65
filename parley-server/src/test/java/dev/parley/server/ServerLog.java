package dev.parley.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * What the server logs at INFO and above while a test runs, from any thread, with whether a
 * stack trace came along: for tests that a client's fault costs at most a line.
 */
final class ServerLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  /** One logged line. */
  record Line(Level level, String logger, String message, String thrown) {
    boolean hasStackTrace() {
      return thrown != null;
    }
  }

  private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();

  static ServerLog capture() {
    ServerLog log = new ServerLog();
    log.setName("server-log-" + System.identityHashCode(log));
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    log.setContext(root.getLoggerContext());
    log.start();
    root.addAppender(log);
    return log;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
      var thrown = event.getThrowableProxy();
      lines.add(new Line(event.getLevel(), event.getLoggerName(), event.getFormattedMessage(),
          thrown == null ? null : thrown.getClassName() + ": " + thrown.getMessage()));
    }
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The lines with a stack trace. */
  List<Line> stackTraces() {
    return lines.stream().filter(Line::hasStackTrace).toList();
  }

  /** The lines whose text contains {@code word}. */
  List<Line> linesWith(String word) {
    return lines.stream().filter(l -> l.message().contains(word)).toList();
  }

  @Override
  public void close() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(this);
    stop();
  }
}
