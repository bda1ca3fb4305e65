package dev.parley.desktop.ui;

import dev.parley.desktop.model.ChatLine;
import dev.parley.desktop.model.Conversation;
import dev.parley.desktop.model.MessageGrouping;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.swing.AbstractListModel;

/**
 * The rows of the open conversation, grouped by author. Rebuilt from the {@link Conversation} on each change: a
 * room holds at most what was delivered and paged in, which is cheap to regroup.
 */
public final class ConversationListModel extends AbstractListModel<ChatLine> {
  private final MessageGrouping grouping = new MessageGrouping(ZoneId.systemDefault());
  private List<ChatLine> rows = new ArrayList<>();
  private String room;

  /** Shows {@code conversation} (or nothing, for null). */
  void show(Conversation conversation) {
    room = conversation == null ? null : conversation.room();
    List<ChatLine> next = new ArrayList<>();
    if (conversation != null) {
      next = grouping.rows(conversation.messages(), conversation.pending());
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

  /** The row of message {@code id}, or -1. */
  int indexOf(long id) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).id() == id) {
        return i;
      }
    }
    return -1;
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
