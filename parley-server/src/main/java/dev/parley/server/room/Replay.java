package dev.parley.server.room;

import dev.parley.protocol.EncodedFrame;
import java.util.List;

/**
 * One member's replay of a room: the stored messages after a cursor, read a page at a time and
 * sent only while the member's connection can take more, until the cursor reaches the room's
 * newest id and the member receives live messages. Live messages that arrive meanwhile are not
 * held for it: they are stored before anyone hears of them, so the replay reads them too, and
 * what a replaying member costs is one page, however long it takes. The lane drives it (the
 * {@link Replays}); a later join of the same member starts a new one, and the lane drops
 * whatever was on its way for this one. Only touched on the room's lane.
 */
final class Replay {
  /** Messages read from the store at once: at most 64 × 16 KiB waiting to be sent, per member. */
  static final int PAGE_SIZE = 64;

  /** A stored message encoded for the wire, with its id. */
  record Entry(long id, EncodedFrame frame) {}

  /** What the lane does next. */
  enum Next {
    /** Read the next page from the cursor. */
    READ,
    /** Come back when the member can take more. */
    WAIT_UNTIL_WRITABLE,
    /** Caught up: deliver live from now on. */
    LIVE
  }

  final Member member;
  /** The join's ref, for an error if a read fails. */
  final String ref;
  /** The newest id sent, or known not to be stored; only grows. */
  private long cursor;
  private List<Entry> page = List.of();
  /** How many of the page were sent. */
  private int sent;
  /** Where the cursor stands once the page is sent: nothing else is stored up to there. */
  private long readUpTo;

  Replay(Member member, long after, String ref) {
    this.member = member;
    this.ref = ref;
    this.cursor = after;
    this.readUpTo = after;
  }

  /** Where the next page starts (after this id). */
  long cursor() {
    return cursor;
  }

  /**
   * Where the next page ends, given the room's newest id: ids are gapless, so {@value
   * #PAGE_SIZE} ids after the cursor hold at most that many messages (fewer, if some were ever
   * erased), and the store's newest-first range over them returns them all.
   */
  long pageEnd(long last) {
    return Math.min(last, cursor + PAGE_SIZE);
  }

  /**
   * A page read from the store: every message with an id in ({@link #cursor()}, {@code upTo}],
   * oldest first, where {@code upTo} came from {@link #pageEnd}.
   */
  void read(List<Entry> entries, long upTo) {
    page = entries;
    sent = 0;
    readUpTo = upTo;
  }

  /**
   * Sends what is left of the page for as long as the member can take more, and says what to do
   * next, given the room's newest id.
   */
  Next advance(long last) {
    while (sent < page.size()) {
      if (!member.isWritable()) {
        return Next.WAIT_UNTIL_WRITABLE;
      }
      Entry e = page.get(sent++);
      member.send(e.frame());
      cursor = e.id();
    }
    page = List.of();
    cursor = Math.max(cursor, readUpTo);
    if (cursor >= last) {
      return Next.LIVE;
    }
    return member.isWritable() ? Next.READ : Next.WAIT_UNTIL_WRITABLE;
  }
}
