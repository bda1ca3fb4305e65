package dev.parley.desktop.ui;

import dev.parley.desktop.model.ChatLine;
import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.function.BiConsumer;
import javax.swing.AbstractAction;
import javax.swing.JList;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;

/**
 * The conversation's list: as wide as its viewport (the rows wrap their text to it). A row can
 * be picked, with the mouse or (after Tab) the arrow keys, to open its context menu: a right
 * click, the menu key or Shift+F10.
 */
final class MessageList extends JList<ChatLine> {
  private final MessageCellRenderer renderer = new MessageCellRenderer();
  /** Opens the context menu of a row at a point of the list. */
  private BiConsumer<Integer, Rectangle> contextMenu = (row, at) -> {};

  MessageList(ConversationListModel model) {
    super(model);
    setName("messages");
    setCellRenderer(renderer);
    setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    getAccessibleContext().setAccessibleName("Messages");
    addMouseListener(new MouseAdapter() {
      @Override
      public void mousePressed(MouseEvent e) {
        popup(e);
      }

      @Override
      public void mouseReleased(MouseEvent e) {
        popup(e);
      }

      private void popup(MouseEvent e) {
        int row = locationToIndex(e.getPoint());
        if (e.isPopupTrigger() && row >= 0 && getCellBounds(row, row).contains(e.getPoint())) {
          setSelectedIndex(row);
          contextMenu.accept(row, new Rectangle(e.getX(), e.getY(), 0, 0));
        }
      }
    });
    AbstractAction keyboardMenu = new AbstractAction() {
      @Override
      public void actionPerformed(ActionEvent e) {
        int row = getSelectedIndex();
        if (row >= 0) {
          Rectangle cell = getCellBounds(row, row);
          contextMenu.accept(row, new Rectangle(cell.x + cell.width / 4, cell.y + cell.height / 2, 0, 0));
        }
      }
    };
    getInputMap().put(KeyStroke.getKeyStroke("CONTEXT_MENU"), "parley-menu");
    getInputMap().put(KeyStroke.getKeyStroke("shift F10"), "parley-menu");
    getActionMap().put("parley-menu", keyboardMenu);
    addFocusListener(new FocusAdapter() {
      @Override
      public void focusGained(FocusEvent e) {
        if (getSelectedIndex() < 0 && getModel().getSize() > 0) {
          int last = getModel().getSize() - 1;
          setSelectedIndex(last); // the newest, where the eye is
          ensureIndexIsVisible(last);
        }
      }

      @Override
      public void focusLost(FocusEvent e) {
        if (!e.isTemporary()) {
          clearSelection(); // the tint marks the row a menu is for; gone with the focus
        }
      }
    });
  }

  void onContextMenu(BiConsumer<Integer, Rectangle> action) {
    contextMenu = action;
  }

  MessageCellRenderer renderer() {
    return renderer;
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
