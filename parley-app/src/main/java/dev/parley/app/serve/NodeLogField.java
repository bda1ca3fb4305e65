package dev.parley.app.serve;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log pattern's {@code %node}: {@code " node=NAME"} once a node of a cluster has its name,
 * so the logs of several nodes gathered in one place say which node wrote each line; empty for
 * a server on its own.
 */
public final class NodeLogField extends ClassicConverter {
  private static volatile String field = "";

  static void name(String node) {
    field = " node=" + node;
  }

  @Override
  public String convert(ILoggingEvent event) {
    return field;
  }
}
