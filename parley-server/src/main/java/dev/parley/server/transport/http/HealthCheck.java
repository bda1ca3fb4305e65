package dev.parley.server.transport.http;

import java.util.function.Consumer;

/** Whether the server can serve: answers {@code true} or {@code false}, from any thread. */
@FunctionalInterface
public interface HealthCheck {
  void check(Consumer<Boolean> answer);
}
