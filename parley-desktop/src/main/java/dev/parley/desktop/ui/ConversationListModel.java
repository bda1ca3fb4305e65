package dev.parley.desktop.ui;

import dev.parley.desktop.model.ChatLine;
import dev.parley.desktop.model.Conversation;
import dev.parley.desktop.model.MessageGrouping;
import dev.parley.protocol.ServerFrame;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.AbstractListModel;

/**
 * The rows of the open conversation, grouped by author, optionally narrowed to the messages
 * that contain a search text (Ctrl+F). Rebuilt from the {@link Conversation} on each change: a
 * room holds at most what was delivered and paged in, which is cheap to regroup.
 */
public final class ConversationListModel extends AbstractListModel<ChatLine> {
  private final MessageGrouping grouping = new MessageGrouping(ZoneId.systemDefault());
  private List<ChatLine> rows = new ArrayList<>();
  private String room;
  private String filter = "";

  /** Shows {@code conversation} (or nothing, for null). */
  void show(Conversation conversation) {
    room = conversation == null ? null : conversation.room();
    List<ChatLine> next = new ArrayList<>();
    if (conversation != null) {
      List<ServerFrame.Msg> messages = conversation.messages();
      if (!filter.isEmpty()) {
        messages = messages.stream().filter(m -> m.text().toLowerCase(Locale.ROOT).contains(filter)).toList();
      }
      next = grouping.rows(messages, filter.isEmpty() ? conversation.pending() : List.of());
    }
    int before = rows.size();
    rows = next;
    if (before > 0) {
      fireIntervalRemoved(this, 0, before - 1);
    }
    if (!rows.isEmpty()) {
      fireIntervalAdded(this, 0, rows.size() - 1);
    }
  }

  /** Narrows the rows to messages containing {@code text} (any case); empty shows all. */
  void filter(String text) {
    filter = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
  }

  boolean filtering() {
    return !filter.isEmpty();
  }

  /** The room shown, or {@code null}. */
  public String room() {
    return room;
  }

  @Override
  public int getSize() {
    return rows.size();
  }

  @Override
  public ChatLine getElementAt(int index) {
    return rows.get(index);
  }
}
