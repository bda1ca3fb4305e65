package dev.parley.server.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password and token guessing. Each user and each remote host may fail a few times
 * freely; after that every failure locks it for a delay that doubles up to a ceiling, and
 * attempts while locked are refused without being checked. A success clears the user (not the
 * host: one host may guess at many users). Entries are forgotten once idle long enough, and the
 * tables are bounded. Thread-safe.
 */
public final class LoginThrottle {
  /** The tuning: free failures per user and per host, the first delay and the ceiling. */
  public record Limits(int freePerUser, int freePerHost, long firstDelayMillis, long maxDelayMillis) {
    public static Limits standard() {
      return new Limits(3, 10, 1_000, 60_000);
    }
  }

  private static final long FORGET_AFTER_MILLIS = 15 * 60_000;
  private static final int MAX_ENTRIES = 100_000;

  private record Record(int failures, long lockedUntil, long lastFailure) {}

  private final Limits limits;
  private final Clock clock;
  private final ConcurrentHashMap<String, Record> users = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Record> hosts = new ConcurrentHashMap<>();

  public LoginThrottle(Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** Milliseconds until this user or host may try again; 0 when it may now. */
  public long waitMillis(String userKey, String host) {
    long now = clock.millis();
    long user = userKey == null ? 0 : remaining(users.get(userKey), now);
    return Math.max(user, remaining(hosts.get(host), now));
  }

  public void failed(String userKey, String host) {
    long now = clock.millis();
    if (userKey != null) {
      record(users, userKey, limits.freePerUser(), now);
    }
    record(hosts, host, limits.freePerHost(), now);
  }

  public void succeeded(String userKey) {
    users.remove(userKey);
  }

  private void record(ConcurrentHashMap<String, Record> table, String key, int free, long now) {
    if (table.size() >= MAX_ENTRIES) {
      table.values().removeIf(r -> now - r.lastFailure() > FORGET_AFTER_MILLIS);
    }
    table.compute(key, (k, r) -> {
      int failures = (r == null || now - r.lastFailure() > FORGET_AFTER_MILLIS) ? 1 : r.failures() + 1;
      long lockedUntil = failures <= free ? 0 : now + delay(failures - free);
      return new Record(failures, lockedUntil, now);
    });
  }

  private long delay(int beyondFree) {
    int doublings = Math.min(beyondFree - 1, 20);
    return Math.min(limits.maxDelayMillis(), limits.firstDelayMillis() << doublings);
  }

  private static long remaining(Record r, long now) {
    return r == null ? 0 : Math.max(0, r.lockedUntil() - now);
  }
}
