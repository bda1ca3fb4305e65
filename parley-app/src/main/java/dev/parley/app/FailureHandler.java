package dev.parley.app;

import dev.parley.server.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A command that failed while running prints one line on standard error and exits 1. A {@link
 * ConfigException} is the operator's to fix and its message says what; anything else is a bug,
 * named in one line, with the stack trace logged at DEBUG ({@code -Dparley.log.level=DEBUG}).
 */
final class FailureHandler implements IExecutionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    String line;
    if (ex instanceof ConfigException) {
      line = ErrorLine.of(ValueOrigins.annotate(cmd, ex.getMessage()));
    } else {
      log.debug("unexpected failure", ex);
      line = ErrorLine.of("unexpected error: " + ex);
    }
    cmd.getErr().println(line);
    cmd.getErr().flush();
    return cmd.getCommandSpec().exitCodeOnExecutionException();
  }
}
