package dev.parley.desktop.ui;

import dev.parley.desktop.model.ChatLine;
import javax.swing.DefaultListSelectionModel;
import javax.swing.JList;

/**
 * The conversation's list: as wide as its viewport (the rows wrap their text to it), with no
 * selection (a chat is read, not picked from), scrolled from the composer's keys.
 */
final class MessageList extends JList<ChatLine> {
  MessageList(ConversationListModel model) {
    super(model);
    setName("messages");
    setCellRenderer(new MessageCellRenderer());
    setFocusable(false);
    setSelectionModel(new DefaultListSelectionModel() {
      @Override
      public void setSelectionInterval(int index0, int index1) {}

      @Override
      public void addSelectionInterval(int index0, int index1) {}
    });
    getAccessibleContext().setAccessibleName("Messages");
  }

  @Override
  public boolean getScrollableTracksViewportWidth() {
    return true;
  }

  /** Row heights depend on the width (text wraps): measure them again. */
  void remeasure() {
    setFixedCellHeight(1);
    setFixedCellHeight(-1);
  }
}
