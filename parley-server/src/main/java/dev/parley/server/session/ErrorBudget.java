package dev.parley.server.session;

import java.util.ArrayDeque;

/**
 * Counts the errors a connection earned in the last minute; more than the budget means it is
 * closed with {@code bye too_many_errors}. Owned by one session, so not thread-safe.
 */
final class ErrorBudget {
  private static final long WINDOW_NANOS = 60_000_000_000L;

  private final int budget;
  private final ArrayDeque<Long> recent = new ArrayDeque<>();

  ErrorBudget(int budget) {
    this.budget = budget;
  }

  /** Records one error; {@code true} when the budget is now exceeded. */
  boolean spend(long nowNanos) {
    while (!recent.isEmpty() && nowNanos - recent.peekFirst() >= WINDOW_NANOS) {
      recent.pollFirst();
    }
    recent.addLast(nowNanos);
    return recent.size() > budget;
  }
}
