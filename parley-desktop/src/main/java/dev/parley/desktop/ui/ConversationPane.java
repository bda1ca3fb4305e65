package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import dev.parley.desktop.model.ChatLine;
import dev.parley.desktop.model.Conversation;
import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ScrollPaneConstants;
import javax.swing.SwingUtilities;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The open conversation: a header with the room's name, the messages (scrolled to the newest;
 * reaching the top asks for older ones, which appear above without moving what is on screen),
 * a find bar (Ctrl+F) and the composer.
 */
final class ConversationPane extends JPanel {
  private final JLabel title = new JLabel(" ");
  private final JLabel subtitle = new JLabel(" ");
  private final ConversationListModel model = new ConversationListModel();
  private final MessageList list = new MessageList(model);
  private final JScrollPane scroll = new JScrollPane(list);
  private final JTextField find = new JTextField();
  private final JPanel findBar = new JPanel(new BorderLayout());
  private final Composer composer;
  private final Consumer<String> loadOlder;
  private Conversation shown;
  /** True from a switch of room until it is scrolled to its end: its scroll events are not the user's. */
  private boolean switching;

  ConversationPane(Consumer<String> onSend, Consumer<String> loadOlder) {
    super(new BorderLayout());
    this.loadOlder = loadOlder;
    this.composer = new Composer(onSend);
    title.setName("room-title");
    add(header(), BorderLayout.NORTH);
    scroll.setBorder(BorderFactory.createEmptyBorder());
    scroll.setHorizontalScrollBarPolicy(ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
    scroll.getVerticalScrollBar().setUnitIncrement(UIScale.scale(24));
    scroll.getVerticalScrollBar().addAdjustmentListener(e -> {
      if (!e.getValueIsAdjusting() && e.getValue() == 0 && !switching) {
        askForOlder();
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
    findBar.setOpaque(false);
    middle.add(findBar(), BorderLayout.NORTH);
    middle.add(scroll, BorderLayout.CENTER);
    add(middle, BorderLayout.CENTER);
    add(composer, BorderLayout.SOUTH);
    bindScrollKeys(composer.input());
    putClientProperty("FlatLaf.style", "background: $List.background");
  }

  private JComponent header() {
    JPanel header = new JPanel(new BorderLayout());
    header.setOpaque(false);
    header.setBorder(Looks.lineThenPadding(false, false, true, false, 10, 16, 10, 16));
    title.setFont(title.getFont().deriveFont(Font.BOLD, title.getFont().getSize2D() * 1.25f));
    Looks.muted(subtitle);
    header.add(title, BorderLayout.NORTH);
    header.add(subtitle, BorderLayout.SOUTH);
    return header;
  }

  private JComponent findBar() {
    find.setName("find");
    find.putClientProperty("JTextField.placeholderText", "Find in this conversation (Esc closes)");
    find.putClientProperty("JTextField.showClearButton", true);
    find.getDocument().addDocumentListener(new DocumentListener() {
      @Override
      public void insertUpdate(DocumentEvent e) {
        refilter();
      }

      @Override
      public void removeUpdate(DocumentEvent e) {
        refilter();
      }

      @Override
      public void changedUpdate(DocumentEvent e) {}
    });
    find.getInputMap().put(KeyStroke.getKeyStroke("ESCAPE"), "parley-close-find");
    find.getActionMap().put("parley-close-find", new AbstractAction() {
      @Override
      public void actionPerformed(ActionEvent e) {
        closeFind();
      }
    });
    findBar.setBorder(BorderFactory.createEmptyBorder(UIScale.scale(6), UIScale.scale(16), UIScale.scale(6), UIScale.scale(16)));
    findBar.add(find, BorderLayout.CENTER);
    findBar.setVisible(false);
    return findBar;
  }

  Composer composer() {
    return composer;
  }

  void header(String titleText, String subtitleText) {
    title.setText(titleText);
    subtitle.setText(subtitleText);
  }

  /** Shows another conversation (or none), at its newest messages. */
  void show(Conversation conversation) {
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
    if (findBar.isVisible() && find.hasFocus()) {
      closeFind();
      return;
    }
    findBar.setVisible(true);
    revalidate();
    find.selectAll();
    find.requestFocusInWindow();
  }

  private void closeFind() {
    find.setText("");
    findBar.setVisible(false);
    revalidate();
    composer.input().requestFocusInWindow();
  }

  private void refilter() {
    model.filter(find.getText());
    model.show(shown);
    list.remeasure();
    scrollToEnd();
  }

  private void askForOlder() {
    if (shown != null && !model.filtering() && shown.hasOlder()) {
      loadOlder.accept(shown.room());
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
