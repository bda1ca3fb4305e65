package dev.parley.client;

/**
 * Keeps the client under the server's frame rate: a token bucket holding two seconds' worth,
 * like the server's. When the server still says {@code rate_limited} (its rate is lower than
 * ours, or it is busy), {@link Outbox} halves the rate, down to one frame a second; it then
 * climbs back slowly, by 1% of the configured rate (at least one frame a second) each second.
 * Every refusal counts against the server's error budget, so the climb is cautious. Owned by
 * the client's loop; times are {@code System.nanoTime}.
 */
final class Pacer {
  private static final long SECOND = 1_000_000_000L;
  private static final double RECOVERY_SHARE_PER_SECOND = 0.01;

  private final double maxRate;
  private double rate;
  private double tokens;
  private final double recoveryPerSecond;
  private long updated;

  Pacer(int framesPerSecond, long now) {
    this.maxRate = framesPerSecond;
    this.rate = framesPerSecond;
    this.tokens = 2 * rate;
    this.recoveryPerSecond = Math.max(1, framesPerSecond * RECOVERY_SHARE_PER_SECOND);
    this.updated = now;
  }

  /** Takes a token: 0 when one was free, else how many nanoseconds until one will be. */
  long take(long now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / rate * SECOND);
  }

  /** A new connection: the server's bucket starts full, so ours does too. */
  void fill(long now) {
    refill(now);
    tokens = 2 * rate;
  }

  /** The server refused a frame for its rate: halve ours and start from an empty bucket. */
  void slowDown(long now) {
    refill(now);
    rate = Math.max(1, rate / 2);
    tokens = 0;
  }

  double rate() {
    return rate;
  }

  private void refill(long now) {
    double seconds = Math.max(0, now - updated) / (double) SECOND;
    updated = now;
    rate = Math.min(maxRate, rate + seconds * recoveryPerSecond);
    tokens = Math.min(2 * rate, tokens + seconds * rate);
  }
}
