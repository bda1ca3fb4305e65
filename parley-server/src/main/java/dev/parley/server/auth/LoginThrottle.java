package dev.parley.server.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing without letting a guesser lock the owner out. Failures are counted
 * three ways: per remote host (any user), per user and host, and per user (from anywhere, to
 * slow guessing spread over many hosts). Each may fail a few times freely; after that every
 * failure locks it for a delay that doubles up to a ceiling, and attempts while locked are
 * refused without being checked.
 *
 * <p>The per-user lock is what a guesser could turn against the owner, so it does not hold for
 * a host the user has logged in from before (within {@link #KNOWN_FOR_MILLIS}), nor for token
 * logins (a token cannot be guessed). A success clears the user-and-host count and makes the
 * host known for that user; it does not clear the host's count (one host may guess at many
 * users) nor the user's (the guesser's count keeps running). Entries are forgotten once idle
 * long enough, and the tables are bounded. Thread-safe.
 */
public final class LoginThrottle {
  /**
   * The tuning: free failures per user and host, per host, and per user from anywhere; the first
   * delay and the ceiling.
   */
  public record Limits(int freePerUserAndHost, int freePerHost, int freePerUser, long firstDelayMillis, long maxDelayMillis) {
    public static Limits standard() {
      return new Limits(3, 10, 10, 1_000, 60_000);
    }
  }

  private static final long FORGET_AFTER_MILLIS = 15 * 60_000;
  /** How long a host that a user logged in from stays known for that user. */
  static final long KNOWN_FOR_MILLIS = 30L * 24 * 3600_000;
  private static final int MAX_ENTRIES = 100_000;

  private record Record(int failures, long lockedUntil, long lastFailure) {}

  private final Limits limits;
  private final Clock clock;
  private final ConcurrentHashMap<String, Record> hosts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Record> userHosts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Record> users = new ConcurrentHashMap<>();
  /** "user host" → when the user last logged in from that host. */
  private final ConcurrentHashMap<String, Long> knownHosts = new ConcurrentHashMap<>();

  public LoginThrottle(Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Milliseconds until a login from {@code host} may be tried; 0 when it may now. {@code
   * userKey} is {@code null} for a token login (only the host's count applies then).
   */
  public long waitMillis(String userKey, String host) {
    long now = clock.millis();
    long wait = remaining(hosts.get(host), now);
    if (userKey != null) {
      wait = Math.max(wait, remaining(userHosts.get(pair(userKey, host)), now));
      if (!isKnown(userKey, host, now)) {
        wait = Math.max(wait, remaining(users.get(userKey), now));
      }
    }
    return wait;
  }

  /** A failed login from {@code host}; {@code userKey} is {@code null} for a token. */
  public void failed(String userKey, String host) {
    long now = clock.millis();
    record(hosts, host, limits.freePerHost(), now);
    if (userKey != null) {
      record(userHosts, pair(userKey, host), limits.freePerUserAndHost(), now);
      record(users, userKey, limits.freePerUser(), now);
    }
  }

  /** A successful login of {@code userKey} from {@code host}. */
  public void succeeded(String userKey, String host) {
    long now = clock.millis();
    String pair = pair(userKey, host);
    userHosts.remove(pair);
    if (knownHosts.size() >= MAX_ENTRIES) {
      knownHosts.values().removeIf(when -> now - when > KNOWN_FOR_MILLIS);
    }
    if (knownHosts.size() < MAX_ENTRIES) {
      knownHosts.put(pair, now);
    }
  }

  private boolean isKnown(String userKey, String host, long now) {
    Long when = knownHosts.get(pair(userKey, host));
    return when != null && now - when <= KNOWN_FOR_MILLIS;
  }

  private static String pair(String userKey, String host) {
    return userKey + " " + host;
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
