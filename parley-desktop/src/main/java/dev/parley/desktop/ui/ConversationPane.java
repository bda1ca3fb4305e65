package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import dev.parley.desktop.ChatSession;
import dev.parley.desktop.ConversationActions;
import dev.parley.desktop.model.ChatLine;
import dev.parley.desktop.model.ChatMessage;
import dev.parley.desktop.model.Conversation;
import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.ScrollPaneConstants;
import javax.swing.SwingUtilities;

/**
 * The open conversation: a header with the room's name and topic, the messages (scrolled to the
 * newest; reaching the top asks for older ones, which appear above without moving what is on
 * screen; each with a context menu to edit or delete it), the search bar (Ctrl+F), who is typing
 * and the composer. Shown scrolled to its end, the room is marked read.
 */
final class ConversationPane extends JPanel implements MessageMenu.Actions {
  private final JLabel title = new JLabel(" ");
  private final JLabel topic = new JLabel();
  private final JButton setTopic = new JButton("Set topic…");
  private final JLabel subtitle = new JLabel(" ");
  private final ConversationListModel model = new ConversationListModel();
  private final MessageList list = new MessageList(model);
  private final JScrollPane scroll = new JScrollPane(list);
  private final JLabel typing = new JLabel(" ");
  private final SearchBar searchBar;
  private final Composer composer;
  private final ChatSession session;
  private final ConversationActions actions;
  private Conversation shown;
  /** True from a switch of room until it is scrolled to its end: its scroll events are not the user's. */
  private boolean switching;

  ConversationPane(ChatSession session) {
    super(new BorderLayout());
    this.session = session;
    this.actions = session.actions();
    // One's own message is at the end: go there, as chat apps do, even from far up.
    this.composer = new Composer(text -> {
      session.send(text);
      scrollToEnd();
    });
    this.searchBar = new SearchBar(actions::search, actions::showMessage, () -> composer.input().requestFocusInWindow());
    composer.onTyping(session::keystroke);
    composer.onUpInEmpty(() -> {
      ChatMessage last = actions.lastOwnMessage();
      if (last != null) {
        composer.startEditing(last.id(), last.text());
      }
    });
    composer.onEdit(this::saveEdit);
    list.onContextMenu(this::contextMenu);
    title.setName("room-title");
    add(header(), BorderLayout.NORTH);
    scroll.setBorder(BorderFactory.createEmptyBorder());
    scroll.setHorizontalScrollBarPolicy(ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
    scroll.getVerticalScrollBar().setUnitIncrement(UIScale.scale(24));
    scroll.getVerticalScrollBar().addAdjustmentListener(e -> {
      if (!e.getValueIsAdjusting() && e.getValue() == 0 && !switching) {
        askForOlder();
      }
      if (!e.getValueIsAdjusting() && !switching && atEnd()) {
        seen();
      }
    });
    scroll.getViewport().addComponentListener(new ComponentAdapter() {
      @Override
      public void componentResized(ComponentEvent e) {
        boolean atEnd = atEnd();
        list.remeasure();
        if (atEnd) {
          scrollToEnd();
        }
      }
    });
    JPanel middle = new JPanel(new BorderLayout());
    middle.setOpaque(false);
    middle.add(searchBar, BorderLayout.NORTH);
    middle.add(scroll, BorderLayout.CENTER);
    add(middle, BorderLayout.CENTER);
    typing.setName("typing");
    typing.setBorder(Looks.padding(2, 16, 0, 16));
    typing.setFont(typing.getFont().deriveFont(Font.ITALIC));
    Looks.muted(typing);
    JPanel bottom = new JPanel(new BorderLayout());
    bottom.setOpaque(false);
    bottom.add(typing, BorderLayout.NORTH);
    bottom.add(composer, BorderLayout.CENTER);
    add(bottom, BorderLayout.SOUTH);
    bindScrollKeys(composer.input());
    putClientProperty("FlatLaf.style", "background: $List.background");
  }

  private JComponent header() {
    JPanel header = new JPanel(new BorderLayout());
    header.setOpaque(false);
    header.setBorder(Looks.lineThenPadding(false, false, true, false, 10, 16, 10, 16));
    title.setFont(title.getFont().deriveFont(Font.BOLD, title.getFont().getSize2D() * 1.25f));
    topic.setName("room-topic");
    topic.setVisible(false);
    Looks.muted(subtitle);
    setTopic.setName("set-topic");
    setTopic.putClientProperty("JButton.buttonType", "borderless");
    setTopic.setToolTipText("Set the room's topic (owners)");
    setTopic.addActionListener(e -> editTopic());
    setTopic.setVisible(false);
    JPanel lines = new JPanel(new BorderLayout());
    lines.setOpaque(false);
    lines.add(title, BorderLayout.NORTH);
    lines.add(topic, BorderLayout.CENTER);
    lines.add(subtitle, BorderLayout.SOUTH);
    header.add(lines, BorderLayout.CENTER);
    JPanel corner = new JPanel(new BorderLayout());
    corner.setOpaque(false);
    corner.add(setTopic, BorderLayout.NORTH); // its own height, at the top right
    header.add(corner, BorderLayout.EAST);
    return header;
  }

  Composer composer() {
    return composer;
  }

  void header(String titleText, String subtitleText) {
    title.setText(titleText);
    subtitle.setText(subtitleText);
  }

  /** The room's topic ({@code ""}: none) and whether the user may set it. */
  void topic(String text, boolean mayEdit) {
    topic.setText(text);
    topic.setToolTipText(text.isEmpty() ? null : text);
    topic.setVisible(!text.isEmpty());
    setTopic.setVisible(mayEdit);
  }

  /** "alice is typing…", or "" (the line keeps its height, so the messages do not jump). */
  void typing(String line) {
    typing.setText(line.isEmpty() ? " " : line);
  }

  /** Asks an owner for the open room's new topic. */
  void editTopic() {
    if (shown == null || !actions.maySetTopic()) {
      return;
    }
    JOptionPane ask = new JOptionPane("Topic (empty clears it):", JOptionPane.PLAIN_MESSAGE, JOptionPane.OK_CANCEL_OPTION);
    ask.setWantsInput(true);
    ask.setInitialSelectionValue(session.details(shown.room()).topic());
    answer(ask, "Set topic", "topic-dialog");
    Object text = ask.getInputValue();
    if (text != null && text != JOptionPane.UNINITIALIZED_VALUE) {
      actions.setTopic(text.toString().strip());
    }
    composer.input().requestFocusInWindow();
  }

  /** Shows another conversation (or none), at its newest messages. */
  void show(Conversation conversation) {
    if (conversation != shown) {
      composer.stopEditing();
      searchBar.clear();
      list.renderer().highlight(0);
    }
    shown = conversation;
    switching = true;
    model.show(conversation);
    list.remeasure();
    scrollToEnd();
  }

  /** The shown conversation grew at the end: follow it when the user was at the end already. */
  void appended() {
    boolean follow = atEnd();
    model.show(shown);
    if (follow) {
      scrollToEnd();
    }
  }

  /** Messages changed in place (edited, deleted): redraw them where they are. */
  void changed() {
    boolean follow = atEnd();
    Point at = scroll.getViewport().getViewPosition();
    model.show(shown);
    list.remeasure();
    if (follow) {
      scrollToEnd();
    } else {
      scroll.getViewport().setViewPosition(at);
    }
  }

  /** Scrolls to message {@code id} (a search result) and tints it. */
  void scrollToMessage(long id) {
    model.show(shown);
    list.remeasure();
    int row = model.indexOf(id);
    if (row < 0) {
      return;
    }
    list.renderer().highlight(id);
    SwingUtilities.invokeLater(() -> {
      Rectangle cell = list.getCellBounds(row, row);
      if (cell != null) {
        int top = Math.max(0, cell.y - scroll.getViewport().getHeight() / 3);
        scroll.getViewport().setViewPosition(new Point(0, top));
        list.repaint();
      }
    });
  }

  /** Older messages were put in front: keep the row the user was looking at where it was. */
  void prepended() {
    int first = list.getFirstVisibleIndex();
    long anchorId = first >= 0 ? model.getElementAt(first).id() : -1;
    int offset = first >= 0 ? list.getCellBounds(first, first).y - scroll.getViewport().getViewPosition().y : 0;
    model.show(shown);
    list.remeasure();
    if (anchorId <= 0) {
      scrollToEnd();
      return;
    }
    for (int i = 0; i < model.getSize(); i++) {
      if (model.getElementAt(i).id() == anchorId) {
        Rectangle at = list.getCellBounds(i, i);
        scroll.getViewport().setViewPosition(new Point(0, Math.max(0, at.y - offset)));
        if (scroll.getVerticalScrollBar().getValue() == 0) {
          askForOlder(); // still at the top (scrolled there while this page was on its way)
        }
        return;
      }
    }
  }

  void toggleFind() {
    searchBar.toggle();
  }

  // ---- a message's context menu ----

  private void contextMenu(int row, Rectangle at) {
    JPopupMenu menu = MessageMenu.of(model.getElementAt(row), this);
    if (menu != null) {
      menu.show(list, at.x, at.y);
    }
  }

  @Override
  public boolean mayEdit(ChatLine line) {
    return actions.mayEdit(line);
  }

  @Override
  public boolean mayDelete(ChatLine line) {
    return actions.mayDelete(line);
  }

  @Override
  public void edit(ChatLine line) {
    composer.startEditing(line.id(), line.text());
  }

  @Override
  public void delete(ChatLine line) {
    String whose = actions.mayEdit(line) ? "your message" : line.from() + "'s message";
    JOptionPane ask = new JOptionPane("Delete " + whose + " for everyone?", JOptionPane.WARNING_MESSAGE,
        JOptionPane.YES_NO_OPTION);
    answer(ask, "Delete message", "delete-dialog");
    if (Integer.valueOf(JOptionPane.YES_OPTION).equals(ask.getValue())) {
      actions.delete(line.id());
    }
    composer.input().requestFocusInWindow();
  }

  /** Shows a question in a modal dialog of that name (so that it can be found), until answered. */
  private void answer(JOptionPane ask, String title, String name) {
    JDialog dialog = ask.createDialog(this, title);
    dialog.setName(name);
    dialog.setVisible(true);
    dialog.dispose();
  }

  private void saveEdit(long id, String text) {
    ChatMessage before = shown == null ? null : shown.shown(id);
    if (before != null && !before.text().equals(text)) {
      actions.edit(id, text);
    }
  }

  private void askForOlder() {
    if (shown != null && shown.hasOlder()) {
      session.loadOlder(shown.room());
    }
  }

  /** The room is on screen at its end: read up to its newest message. */
  private void seen() {
    if (shown != null && isShowing()) {
      session.seenToEnd(shown.room());
    }
  }

  private boolean atEnd() {
    JScrollBar bar = scroll.getVerticalScrollBar();
    return bar.getValue() + bar.getVisibleAmount() >= bar.getMaximum() - UIScale.scale(24);
  }

  private void scrollToEnd() {
    SwingUtilities.invokeLater(() -> {
      int last = model.getSize() - 1;
      if (last >= 0) {
        list.ensureIndexIsVisible(last);
      }
      JScrollBar bar = scroll.getVerticalScrollBar();
      bar.setValue(bar.getMaximum());
      switching = false;
      seen();
      if (bar.getMaximum() <= bar.getVisibleAmount()) {
        askForOlder(); // the newest messages do not fill the view: show older ones too
      }
    });
  }

  /** Page Up/Down and Ctrl+Home/End in the composer scroll the messages, as chat apps do. */
  private void bindScrollKeys(JComponent input) {
    bind(input, "PAGE_UP", () -> page(-1));
    bind(input, "PAGE_DOWN", () -> page(1));
    bind(input, "ctrl HOME", () -> scroll.getVerticalScrollBar().setValue(0));
    bind(input, "ctrl END", this::scrollToEnd);
  }

  private void page(int direction) {
    JScrollBar bar = scroll.getVerticalScrollBar();
    bar.setValue(bar.getValue() + direction * Math.max(1, bar.getVisibleAmount() - UIScale.scale(40)));
  }

  private static void bind(JComponent c, String key, Runnable action) {
    c.getInputMap().put(KeyStroke.getKeyStroke(key), "parley-" + key);
    c.getActionMap().put("parley-" + key, new AbstractAction() {
      @Override
      public void actionPerformed(ActionEvent e) {
        action.run();
      }
    });
  }

  /** For tests and screen readers: the rows on show. */
  ChatLine row(int index) {
    return model.getElementAt(index);
  }
}
