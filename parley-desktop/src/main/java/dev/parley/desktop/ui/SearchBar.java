package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import dev.parley.protocol.ServerFrame;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.event.ActionEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;

/**
 * Ctrl+F: a search of the open room on the server. Enter in the box asks for the messages with
 * all its words; the results (newest first) are listed under it, and choosing one (Enter or a
 * double click) shows it in the conversation, older history loaded as needed. Esc closes.
 */
final class SearchBar extends JPanel {
  /** Results shown at once; more scroll. */
  private static final int MAX_ROWS = 6;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT);

  private final JTextField query = new JTextField();
  private final DefaultListModel<ServerFrame.Msg> found = new DefaultListModel<>();
  private final JList<ServerFrame.Msg> results = new JList<>(found);
  private final JScrollPane resultsScroll = new JScrollPane(results);
  private final JLabel status = new JLabel(" ");
  private final Searcher search;
  private final LongConsumer choose;
  private final Runnable closed;

  /** Asks the server; one of the two answers comes back on the event thread. */
  interface Searcher {
    void search(String query, Consumer<List<ServerFrame.Msg>> found, Consumer<String> failed);
  }

  /**
   * @param search asks the server for a query's results
   * @param choose shows the message of that id in the conversation
   * @param closed after Esc, to put the focus back in the composer
   */
  SearchBar(Searcher search, LongConsumer choose, Runnable closed) {
    super(new BorderLayout(0, UIScale.scale(4)));
    this.search = search;
    this.choose = choose;
    this.closed = closed;
    setOpaque(false);
    setBorder(BorderFactory.createEmptyBorder(UIScale.scale(6), UIScale.scale(16), UIScale.scale(6), UIScale.scale(16)));
    query.setName("find");
    query.putClientProperty("JTextField.placeholderText", "Search this conversation: words, then Enter (Esc closes)");
    query.putClientProperty("JTextField.showClearButton", true);
    query.getAccessibleContext().setAccessibleName("Search this conversation");
    bind(query, "ENTER", this::ask);
    bind(query, "DOWN", () -> {
      if (!found.isEmpty()) {
        results.requestFocusInWindow();
        results.setSelectedIndex(Math.max(0, results.getSelectedIndex()));
      }
    });
    bind(query, "ESCAPE", this::close);
    results.setName("search-results");
    results.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    results.setCellRenderer(new ResultRenderer());
    results.getAccessibleContext().setAccessibleName("Search results");
    bind(results, "ENTER", this::chooseSelected);
    bind(results, "ESCAPE", this::close);
    results.addMouseListener(new MouseAdapter() {
      @Override
      public void mouseClicked(MouseEvent e) {
        if (e.getClickCount() == 2) {
          chooseSelected();
        }
      }
    });
    resultsScroll.setVisible(false);
    status.setName("search-status");
    Looks.muted(status);
    status.setVisible(false);
    JPanel under = new JPanel(new BorderLayout());
    under.setOpaque(false);
    under.add(status, BorderLayout.NORTH);
    under.add(resultsScroll, BorderLayout.CENTER);
    add(query, BorderLayout.NORTH);
    add(under, BorderLayout.CENTER);
    setVisible(false);
  }

  /** Opens the bar with the focus in the box; closes it when the box has the focus already. */
  void toggle() {
    if (isVisible() && query.hasFocus()) {
      close();
      return;
    }
    setVisible(true);
    revalidate();
    query.selectAll();
    query.requestFocusInWindow();
  }

  /** Another room is shown: its results are not this one's. */
  void clear() {
    found.clear();
    resultsScroll.setVisible(false);
    status.setVisible(false);
  }

  private void ask() {
    String words = query.getText().strip();
    if (words.isEmpty()) {
      return;
    }
    status.setText("Searching…");
    status.setVisible(true);
    search.search(words, this::show, this::failed);
  }

  private void show(List<ServerFrame.Msg> messages) {
    found.clear();
    messages.forEach(found::addElement);
    status.setText(messages.isEmpty() ? "No messages found."
        : messages.size() == 1 ? "1 message found: Down, then Enter to show it."
        : messages.size() + " messages found, newest first: Down, then Enter to show one.");
    results.setVisibleRowCount(Math.max(1, Math.min(MAX_ROWS, messages.size())));
    resultsScroll.setVisible(!messages.isEmpty());
    revalidate();
    repaint();
  }

  private void failed(String why) {
    clear();
    status.setText(why);
    status.setVisible(true);
    revalidate();
  }

  private void chooseSelected() {
    ServerFrame.Msg picked = results.getSelectedValue();
    if (picked != null) {
      choose.accept(picked.id());
    }
  }

  private void close() {
    query.setText("");
    clear();
    setVisible(false);
    getParent().revalidate();
    closed.run();
  }

  private static void bind(JComponent c, String key, Runnable action) {
    c.getInputMap().put(KeyStroke.getKeyStroke(key), "parley-search-" + key);
    c.getActionMap().put("parley-search-" + key, new AbstractAction() {
      @Override
      public void actionPerformed(ActionEvent e) {
        action.run();
      }
    });
  }

  /** "alice, 3/5/26 14:02: the text" on one line. */
  private static final class ResultRenderer extends DefaultListCellRenderer {
    @Override
    public Component getListCellRendererComponent(
        JList<?> list, Object value, int index, boolean selected, boolean focused) {
      ServerFrame.Msg m = (ServerFrame.Msg) value;
      String when = WHEN.format(Instant.ofEpochMilli(m.ts()).atZone(ZoneId.systemDefault()));
      String text = m.from() + ", " + when + ": " + m.text().replace('\n', ' ');
      return super.getListCellRendererComponent(list, text, index, selected, focused);
    }
  }
}
