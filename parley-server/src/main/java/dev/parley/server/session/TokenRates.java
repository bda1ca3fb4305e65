package dev.parley.server.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The rate limit of requests made with a token and no connection: one {@link RateLimiter} per
 * token (by its hash), shared by every transport, with a connection's rate and burst. Buckets
 * exist only for tokens that were found valid, so made-up tokens cost no memory here; a bucket
 * unused for as long as it takes to refill is full again, the same as none, so such buckets are
 * dropped once there are many. Thread-safe: each bucket is used under its own lock.
 */
final class TokenRates {
  private static final int SWEEP_ABOVE = 10_000;

  private final int ratePerSecond;
  /** How long an unused bucket takes to be full again: then it can go. */
  private final long refillNanos;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    final RateLimiter limiter;
    long lastUsed;

    Bucket(RateLimiter limiter, long now) {
      this.limiter = limiter;
      this.lastUsed = now;
    }

    synchronized boolean tryAcquire(long now) {
      lastUsed = now;
      return limiter.tryAcquire(now);
    }

    synchronized boolean idleSince(long before) {
      return lastUsed < before;
    }
  }

  TokenRates(int ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
    this.refillNanos = TimeUnit.SECONDS.toNanos(2) + TimeUnit.MILLISECONDS.toNanos(100);
  }

  /**
   * Takes one request from the token's bucket if it has one: {@code true} or {@code false}, or
   * {@code null} when the token has no bucket yet (it has not been found valid lately).
   */
  Boolean tryAcquireIfKnown(String tokenHash, long now) {
    Bucket b = buckets.get(tokenHash);
    return b == null ? null : b.tryAcquire(now);
  }

  /** Takes one request from the bucket of a token found valid, making the bucket if needed. */
  boolean tryAcquire(String tokenHash, long now) {
    Bucket b = buckets.get(tokenHash);
    if (b == null) {
      if (buckets.size() >= SWEEP_ABOVE) {
        buckets.values().removeIf(old -> old.idleSince(now - refillNanos));
      }
      b = buckets.computeIfAbsent(tokenHash, k -> new Bucket(new RateLimiter(ratePerSecond, now), now));
    }
    return b.tryAcquire(now);
  }

  int size() {
    return buckets.size();
  }
}
