package dev.parley.desktop.ui;

import dev.parley.desktop.settings.ThemeChoice;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.ButtonGroup;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.KeyStroke;

/**
 * The chat window's menus. Their accelerators are the window's shortcuts, so each is listed in
 * one place, shown next to its menu item and in the F1 list.
 */
final class ChatMenus {
  /** What the menus do; implemented by the chat window. */
  interface Commands {
    void jumpToRoom();

    void closeRoom();

    void nextRoom(int step);

    void find();

    void setTopic();

    void theme(ThemeChoice choice);

    void logOut();

    void quit();
  }

  static final String SHORTCUTS = """
      <html><table cellpadding=3>
      <tr><td><b>Enter</b></td><td>send the message</td></tr>
      <tr><td><b>Shift+Enter</b></td><td>new line in the message</td></tr>
      <tr><td><b>Ctrl+K</b></td><td>join or switch to a room by name or number</td></tr>
      <tr><td><b>Alt+Down</b>, <b>Alt+Up</b></td><td>next, previous room</td></tr>
      <tr><td><b>Ctrl+F</b></td><td>search this conversation: Enter searches, Down and Enter shows a result, Esc closes</td></tr>
      <tr><td><b>Up</b> in the empty message box</td><td>edit your last message (Enter saves, Esc cancels)</td></tr>
      <tr><td><b>Menu key</b>, <b>Shift+F10</b> on a message</td><td>its menu: edit, delete, copy</td></tr>
      <tr><td><b>Page Up</b>, <b>Page Down</b></td><td>scroll the messages (older ones load at the top)</td></tr>
      <tr><td><b>Tab</b>, <b>Shift+Tab</b></td><td>next, previous part of the window</td></tr>
      <tr><td><b>Enter</b> on a member</td><td>private conversation with them</td></tr>
      <tr><td><b>Ctrl+W</b></td><td>leave the room</td></tr>
      <tr><td><b>Ctrl+Q</b></td><td>quit</td></tr>
      </table></html>""";

  private ChatMenus() {}

  static JMenuBar build(JFrame window, Commands c, ThemeChoice theme) {
    JMenuBar bar = new JMenuBar();
    JMenu parley = menu("Parley", KeyEvent.VK_P);
    parley.add(item("Join a room…", "ctrl K", c::jumpToRoom));
    parley.add(item("Leave this room", "ctrl W", c::closeRoom));
    parley.add(item("Set topic…", null, c::setTopic));
    parley.addSeparator();
    parley.add(item("Log out", null, c::logOut));
    parley.add(item("Quit", "ctrl Q", c::quit));
    bar.add(parley);

    JMenu view = menu("View", KeyEvent.VK_V);
    view.add(item("Next room", "alt DOWN", () -> c.nextRoom(1)));
    view.add(item("Previous room", "alt UP", () -> c.nextRoom(-1)));
    view.add(item("Search conversation", "ctrl F", c::find));
    view.addSeparator();
    ButtonGroup themes = new ButtonGroup();
    view.add(themeItem("Light theme", ThemeChoice.LIGHT, theme, themes, c::theme));
    view.add(themeItem("Dark theme", ThemeChoice.DARK, theme, themes, c::theme));
    view.add(themeItem("Theme of the system", ThemeChoice.SYSTEM, theme, themes, c::theme));
    bar.add(view);

    JMenu help = menu("Help", KeyEvent.VK_H);
    help.add(item("Keyboard shortcuts", "F1", () -> JOptionPane.showMessageDialog(
        window, SHORTCUTS, "Keyboard shortcuts", JOptionPane.PLAIN_MESSAGE)));
    bar.add(help);
    return bar;
  }

  private static JMenu menu(String name, int mnemonic) {
    JMenu menu = new JMenu(name);
    menu.setMnemonic(mnemonic);
    return menu;
  }

  private static JMenuItem item(String name, String key, Runnable run) {
    JMenuItem item = new JMenuItem(new AbstractAction(name) {
      @Override
      public void actionPerformed(ActionEvent e) {
        run.run();
      }
    });
    if (key != null) {
      item.setAccelerator(KeyStroke.getKeyStroke(key));
    }
    return item;
  }

  private static JRadioButtonMenuItem themeItem(String name, ThemeChoice choice, ThemeChoice current,
      ButtonGroup group, Consumer<ThemeChoice> apply) {
    JRadioButtonMenuItem item = new JRadioButtonMenuItem(name, choice == current);
    item.addActionListener(e -> apply.accept(choice));
    group.add(item);
    return item;
  }
}
