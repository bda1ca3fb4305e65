package dev.parley.server.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Collects what the server logs at ERROR, from any thread: a failure in a room lane or the store
 * never reaches the client as a frame, but it is logged.
 */
final class ErrorLog extends AppenderBase<ILoggingEvent> {
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

  static ErrorLog attach() {
    ErrorLog log = new ErrorLog();
    log.setName("fuzz-error-log");
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    log.setContext(root.getLoggerContext());
    log.start();
    root.addAppender(log);
    return log;
  }

  void detach() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(this);
    stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      var thrown = event.getThrowableProxy();
      errors.add(event.getFormattedMessage() + (thrown == null ? "" : ": " + thrown.getClassName() + " " + thrown.getMessage()));
    }
  }

  /** The errors logged since the last call. */
  List<String> drain() {
    List<String> drained = new ArrayList<>();
    for (String e; (e = errors.poll()) != null; ) {
      drained.add(e);
    }
    return drained;
  }
}
