package dev.parley.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnection attempts: exponential from the minimum, doubling per failure up
 * to the maximum, each drawn at random from its upper half ("equal jitter"), so that many
 * clients cut off at once do not come back at once. Owned by the client's loop.
 */
final class Backoff {
  private final long minNanos;
  private final long maxNanos;
  private final RandomGenerator random;
  private int failures;

  Backoff(Duration min, Duration max, RandomGenerator random) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one more failure. */
  Duration next() {
    long ceiling = minNanos;
    for (int i = 0; i < failures && ceiling < maxNanos; i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, maxNanos);
    failures++;
    long half = ceiling / 2;
    return Duration.ofNanos(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }

  /** After a successful login: the next failure starts from the minimum again. */
  void reset() {
    failures = 0;
  }

  int failures() {
    return failures;
  }
}
