package dev.parley.server.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per interval for events a client can cause at will, so a flood of them
 * costs the log a line now and then instead of a line each. Thread-safe.
 */
final class LogBudget {
  private final long intervalNanos;
  private final AtomicLong nextLineNanos;
  private final AtomicLong held = new AtomicLong();

  LogBudget(long intervalNanos, long nowNanos) {
    this.intervalNanos = intervalNanos;
    this.nextLineNanos = new AtomicLong(nowNanos);
  }

  /**
   * Whether a line may be written now: {@code -1} if not (the event is held back and counted),
   * else how many events were held back since the last line.
   */
  long admit(long nowNanos) {
    long next = nextLineNanos.get();
    if (nowNanos - next >= 0 && nextLineNanos.compareAndSet(next, nowNanos + intervalNanos)) {
      return held.getAndSet(0);
    }
    held.incrementAndGet();
    return -1;
  }
}
