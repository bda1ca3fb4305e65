package dev.parley.server.transport.http;

import java.util.function.Consumer;

/** Whether the server can serve, and if not which part fails; answers from any thread. */
@FunctionalInterface
public interface HealthCheck {
  void check(Consumer<Report> answer);

  /** {@code ok} when every part is; {@code text} has a line per part. */
  record Report(boolean ok, String text) {}
}
