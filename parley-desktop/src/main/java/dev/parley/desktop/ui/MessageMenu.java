package dev.parley.desktop.ui;

import dev.parley.desktop.model.ChatLine;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.awt.event.KeyEvent;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;

/**
 * A message's context menu: Edit and Delete for what the user may change (their own messages;
 * any message for a room's owner), Copy text for any message still showing one.
 */
final class MessageMenu {
  /** What the menu's items do to its row. */
  interface Actions {
    boolean mayEdit(ChatLine line);

    boolean mayDelete(ChatLine line);

    void edit(ChatLine line);

    void delete(ChatLine line);
  }

  private MessageMenu() {}

  /** The menu for {@code line}, or {@code null} when it offers nothing. */
  static JPopupMenu of(ChatLine line, Actions actions) {
    JPopupMenu menu = new JPopupMenu();
    menu.setName("message-menu");
    if (actions.mayEdit(line)) {
      menu.add(item("Edit", KeyEvent.VK_E, () -> actions.edit(line)));
    }
    if (actions.mayDelete(line)) {
      menu.add(item("Delete…", KeyEvent.VK_D, () -> actions.delete(line)));
    }
    if (!line.deleted()) {
      menu.add(item("Copy text", KeyEvent.VK_C, () -> Toolkit.getDefaultToolkit().getSystemClipboard()
          .setContents(new StringSelection(line.text()), null)));
    }
    return menu.getComponentCount() == 0 ? null : menu;
  }

  private static JMenuItem item(String name, int mnemonic, Runnable action) {
    JMenuItem item = new JMenuItem(name, mnemonic);
    item.addActionListener(e -> action.run());
    return item;
  }
}
