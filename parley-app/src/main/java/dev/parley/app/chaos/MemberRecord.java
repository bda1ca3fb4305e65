package dev.parley.app.chaos;

import java.util.BitSet;

/**
 * What one member (a client in one of its rooms) was delivered, by the server's per-room id.
 * Written on the member's callback thread, read by the chaos run's main thread; hence
 * synchronized.
 */
final class MemberRecord {
  private final BitSet seen = new BitSet();
  private long highest; // the highest id delivered so far; the room was empty at the join
  private long delivered;
  private long duplicated;
  private long outOfOrder;

  synchronized void delivered(long id) {
    delivered++;
    if (id <= 0 || id > Integer.MAX_VALUE) {
      outOfOrder++; // not an id the server could have given
      return;
    }
    if (seen.get((int) id)) {
      duplicated++;
    } else if (id < highest) {
      outOfOrder++;
    }
    seen.set((int) id);
    highest = Math.max(highest, id);
  }

  synchronized boolean has(long id) {
    return id > 0 && id <= Integer.MAX_VALUE && seen.get((int) id);
  }

  synchronized long delivered() {
    return delivered;
  }

  synchronized long duplicated() {
    return duplicated;
  }

  synchronized long outOfOrder() {
    return outOfOrder;
  }

  /** Ids missing below the highest one seen: the room was empty at the join, so from id 1. */
  synchronized long gaps() {
    return highest - seen.cardinality();
  }
}
