package dev.parley.server.session;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many connections each remote address holds, of any transport, against a maximum, so one
 * address cannot take every slot. Thread-safe.
 */
public final class AddressLimit {
  private final int max;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  public AddressLimit(int max) {
    this.max = max;
  }

  /** Counts one more connection from {@code host}; {@code false}, uncounted, when over. */
  public boolean tryOpen(String host) {
    boolean[] admitted = {false};
    open.compute(host, (h, n) -> {
      int now = n == null ? 0 : n;
      if (now >= max) {
        return n;
      }
      admitted[0] = true;
      return now + 1;
    });
    return admitted[0];
  }

  /** Releases one connection of {@code host} counted by {@link #tryOpen}. */
  public void closed(String host) {
    open.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
  }
}
