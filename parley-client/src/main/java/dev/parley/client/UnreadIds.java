package dev.parley.client;

import java.util.Arrays;

/**
 * The ids of a room's unread messages, sorted, as plain {@code long}s: a client that never marks
 * anything read (a bot, the load generator's thousands of clients) must not grow without bound.
 * Past {@link #MAX} the oldest are dropped, so the count stops at {@value #MAX}: "at least that
 * many". Loop-owned.
 */
final class UnreadIds {
  static final int MAX = 1_000;
  private long[] ids = new long[8];
  private int size;

  int size() {
    return size;
  }

  /** Adds {@code id}; true when the count changed. */
  boolean add(long id) {
    int at = Arrays.binarySearch(ids, 0, size, id);
    if (at >= 0) {
      return false;
    }
    int insert = -at - 1;
    if (size == MAX) {
      if (insert == 0) {
        return false; // older than every id kept
      }
      System.arraycopy(ids, 1, ids, 0, insert - 1); // the oldest makes room
      ids[insert - 1] = id;
      return false;
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, Math.min(MAX, size * 2));
    }
    System.arraycopy(ids, insert, ids, insert + 1, size - insert);
    ids[insert] = id;
    size++;
    return true;
  }

  /** Removes {@code id}; true when it was there. */
  boolean remove(long id) {
    int at = Arrays.binarySearch(ids, 0, size, id);
    if (at < 0) {
      return false;
    }
    System.arraycopy(ids, at + 1, ids, at, size - at - 1);
    size--;
    return true;
  }

  /** Removes every id up to {@code id}; true when there were some. */
  boolean removeUpTo(long id) {
    int at = Arrays.binarySearch(ids, 0, size, id);
    int gone = at >= 0 ? at + 1 : -at - 1;
    if (gone == 0) {
      return false;
    }
    System.arraycopy(ids, gone, ids, 0, size - gone);
    size -= gone;
    return true;
  }
}
