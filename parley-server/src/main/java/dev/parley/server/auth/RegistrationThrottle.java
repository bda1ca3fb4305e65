package dev.parley.server.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many accounts one remote host may create: a bucket per host holding {@code perHour}
 * registrations, full at first, refilled at {@code perHour} an hour. A registration costs a
 * slow password hash and a row kept for good, so a host creating accounts in bulk is refused
 * rather than let it crowd out everyone's logins. Hosts idle long enough to be full again are
 * forgotten, and the table is bounded. Thread-safe.
 */
public final class RegistrationThrottle {
  private static final long HOUR_MILLIS = 3_600_000;
  private static final int MAX_HOSTS = 100_000;

  private record Bucket(double tokens, long at) {}

  private final int perHour;
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> hosts = new ConcurrentHashMap<>();

  public RegistrationThrottle(int perHour, Clock clock) {
    this.perHour = perHour;
    this.clock = clock;
  }

  /** Takes one registration for {@code host}; {@code false} when its bucket is empty. */
  public boolean tryAcquire(String host) {
    long now = clock.millis();
    if (hosts.size() >= MAX_HOSTS) {
      hosts.values().removeIf(b -> level(b, now) >= perHour);
    }
    boolean[] taken = {false};
    hosts.compute(host, (h, b) -> {
      double tokens = b == null ? perHour : level(b, now);
      if (tokens < 1) {
        return new Bucket(tokens, now);
      }
      taken[0] = true;
      return new Bucket(tokens - 1, now);
    });
    return taken[0];
  }

  private double level(Bucket b, long now) {
    return Math.min(perHour, b.tokens() + (now - b.at()) * (double) perHour / HOUR_MILLIS);
  }
}
