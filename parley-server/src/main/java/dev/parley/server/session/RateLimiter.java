package dev.parley.server.session;

/**
 * A token bucket: {@code 2 × rate} tokens, full at the start, refilled at {@code rate} per
 * second; each frame takes one. Owned by one session (or one WebSocket connection), so not
 * thread-safe.
 */
public final class RateLimiter {
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long lastRefill;

  public RateLimiter(int ratePerSecond, long nowNanos) {
    this.perNano = ratePerSecond / 1e9;
    this.capacity = 2.0 * ratePerSecond;
    this.tokens = capacity;
    this.lastRefill = nowNanos;
  }

  public boolean tryAcquire(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - lastRefill) * perNano);
    lastRefill = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
