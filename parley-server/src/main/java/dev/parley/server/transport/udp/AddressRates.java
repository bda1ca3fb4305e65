package dev.parley.server.transport.udp;

import dev.parley.server.session.RateLimiter;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The rate limit of datagrams per source address (the IP address, whatever the port), at a
 * connection's rate with a burst of twice: every datagram takes one, whatever it holds, so
 * every answer, an error too, is paid for by a datagram that came in. An address over its limit
 * is told {@code rate_limited} once, then hears nothing until it has a datagram's worth again.
 *
 * <p>Memory is bounded: a bucket unused for as long as it takes to fill is the same as none and
 * is swept away once there are {@value #MAX_ADDRESSES} (at most once per refill time); if that
 * many are still busy, datagrams from further addresses are dropped until some are idle.
 *
 * <p>Not thread-safe: only touched on the datagram channel's event loop.
 */
final class AddressRates {
  static final int MAX_ADDRESSES = 65_536;

  /** What to do with a datagram from an address. */
  enum Verdict {
    /** Within the limit: handle it. */
    PASS,
    /** The first over the limit since the address was last within it: say {@code rate_limited}. */
    WARN,
    /** Over the limit, and told already (or no room for the address): drop it silently. */
    DROP
  }

  private static final class Bucket {
    final RateLimiter limiter;
    long lastUsed;
    boolean warned;

    Bucket(RateLimiter limiter) {
      this.limiter = limiter;
    }
  }

  private final int ratePerSecond;
  private final int maxAddresses;
  /** How long an unused bucket takes to be full again, when it can go. */
  private final long refillNanos;
  private final Map<InetAddress, Bucket> buckets = new HashMap<>();
  private long lastSweep;

  AddressRates(int ratePerSecond, int maxAddresses, long nowNanos) {
    this.ratePerSecond = ratePerSecond;
    this.maxAddresses = maxAddresses;
    // 2 × rate tokens at rate per second: two seconds, and a little more for rounding.
    this.refillNanos = TimeUnit.MILLISECONDS.toNanos(2100);
    this.lastSweep = nowNanos - refillNanos;
  }

  Verdict admit(InetAddress address, long now) {
    Bucket b = buckets.get(address);
    if (b == null) {
      if (buckets.size() >= maxAddresses && !sweep(now)) {
        return Verdict.DROP;
      }
      b = new Bucket(new RateLimiter(ratePerSecond, now));
      buckets.put(address, b);
    }
    b.lastUsed = now;
    if (b.limiter.tryAcquire(now)) {
      b.warned = false;
      return Verdict.PASS;
    }
    if (b.warned) {
      return Verdict.DROP;
    }
    b.warned = true;
    return Verdict.WARN;
  }

  /** Drops full buckets, at most once per refill time; whether there is room now. */
  private boolean sweep(long now) {
    if (now - lastSweep >= refillNanos) {
      lastSweep = now;
      buckets.values().removeIf(b -> now - b.lastUsed >= refillNanos);
    }
    return buckets.size() < maxAddresses;
  }

  int size() {
    return buckets.size();
  }
}
