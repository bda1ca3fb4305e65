package dev.parley.desktop.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a room's messages into rows the way chat apps show them: consecutive messages of one
 * author within a few minutes form a group under one name and time; a new day gets a divider.
 */
public final class MessageGrouping {
  /** A pause longer than this starts a new group even for the same author. */
  public static final long GROUP_GAP_MILLIS = 5 * 60_000L;

  private final ZoneId zone;

  public MessageGrouping(ZoneId zone) {
    this.zone = zone;
  }

  /** The rows for {@code messages} (in id order) followed by {@code pending} (in send order). */
  public List<ChatLine> rows(List<ChatMessage> messages, List<PendingLine> pending) {
    List<ChatLine> rows = new ArrayList<>(messages.size() + pending.size());
    ChatLine previous = null;
    for (ChatMessage m : messages) {
      previous = row(previous, m.id(), m.from(), m.text(), m.ts(), false, m.edited(), m.deleted());
      rows.add(previous);
    }
    for (PendingLine p : pending) {
      previous = row(previous, 0, p.from(), p.text(), p.ts(), true, false, false);
      rows.add(previous);
    }
    return rows;
  }

  private ChatLine row(ChatLine previous, long id, String from, String text, long ts, boolean pending,
      boolean edited, boolean deleted) {
    boolean newDay = previous == null || !day(previous.ts()).equals(day(ts));
    boolean newGroup = newDay
        || !previous.from().toLowerCase(Locale.ROOT).equals(from.toLowerCase(Locale.ROOT))
        || ts - previous.ts() > GROUP_GAP_MILLIS;
    return new ChatLine(id, from, text, ts, newGroup, newDay, pending, edited, deleted);
  }

  private LocalDate day(long ts) {
    return Instant.ofEpochMilli(ts).atZone(zone).toLocalDate();
  }
}
