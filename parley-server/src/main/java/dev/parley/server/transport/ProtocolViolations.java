package dev.parley.server.transport;

import dev.parley.server.metrics.ServerMetrics;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that breaks its transport's protocol (plain text to a TLS port, a malformed
 * WebSocket frame, an HTTP request too slow or ambiguous) is at fault, not the server: each
 * such violation is counted by transport and kind, and logged in one line at most every
 * {@value #LOG_INTERVAL_SECONDS} s, never with a stack trace, whatever the rate. Thread-safe;
 * one per server.
 */
public final class ProtocolViolations {
  private static final Logger log = LoggerFactory.getLogger(ProtocolViolations.class);
  static final int LOG_INTERVAL_SECONDS = 10;

  private final ServerMetrics metrics;
  private final LogBudget lines = new LogBudget(TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS), System.nanoTime());

  public ProtocolViolations(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Counts one violation on {@code channel}; {@code detail} says what it was, for the log
   * (a fixed text or an exception's message, never the client's bytes).
   */
  public void report(Channel channel, String transport, String kind, String detail) {
    metrics.protocolViolation(transport, kind);
    long held = lines.admit(System.nanoTime());
    if (held >= 0) {
      log.info("protocol violation on {} from {}: {} ({}){}", transport, channel.remoteAddress(), kind, detail,
          held == 0 ? "" : "; " + held + " more in the last " + LOG_INTERVAL_SECONDS + " s not logged");
    }
  }
}
