package dev.parley.server;

/**
 * A configuration or start-up problem the operator can fix: a bad value, a port in use, an
 * unwritable data directory. Its message is one line that names the problem; the command line
 * prints it without a stack trace.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
