package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import java.awt.BorderLayout;
import java.awt.KeyboardFocusManager;
import java.awt.event.ActionEvent;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.ScrollPaneConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.DefaultEditorKit;

/**
 * Where the user writes: Enter sends, Shift+Enter starts a new line; the box grows with the
 * text up to a few lines. Tab leaves it (as everywhere else in the window) rather than typing a
 * tab, so the window can be used with the keyboard alone.
 */
final class Composer extends JPanel {
  private static final int MAX_ROWS = 6;

  private final JTextArea input = new JTextArea(1, 20);
  private final JButton send = new JButton("Send");
  private final JScrollPane scroll;

  Composer(Consumer<String> onSend) {
    super(new BorderLayout(UIScale.scale(8), 0));
    setOpaque(false);
    setBorder(BorderFactory.createEmptyBorder(UIScale.scale(8), UIScale.scale(16), UIScale.scale(12), UIScale.scale(16)));
    input.setName("composer");
    input.setLineWrap(true);
    input.setMargin(new java.awt.Insets(UIScale.scale(7), UIScale.scale(10), UIScale.scale(7), UIScale.scale(10)));
    input.setWrapStyleWord(true);
    input.setFocusTraversalKeys(KeyboardFocusManager.FORWARD_TRAVERSAL_KEYS, null);
    input.setFocusTraversalKeys(KeyboardFocusManager.BACKWARD_TRAVERSAL_KEYS, null);
    input.getAccessibleContext().setAccessibleName("Message");
    AbstractAction sendAction = new AbstractAction("Send") {
      @Override
      public void actionPerformed(ActionEvent e) {
        submit(onSend);
      }
    };
    input.getInputMap().put(KeyStroke.getKeyStroke("ENTER"), "parley-send");
    input.getActionMap().put("parley-send", sendAction);
    input.getInputMap().put(KeyStroke.getKeyStroke("shift ENTER"), DefaultEditorKit.insertBreakAction);
    input.getDocument().addDocumentListener(new Grow());
    send.setName("send");
    send.addActionListener(sendAction);
    send.putClientProperty("FlatLaf.style", "background: $Button.default.background;"
        + " foreground: $Button.default.foreground; borderColor: $Button.default.background; font: bold");
    scroll = new JScrollPane(input, ScrollPaneConstants.VERTICAL_SCROLLBAR_AS_NEEDED,
        ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
    add(scroll, BorderLayout.CENTER);
    add(send, BorderLayout.EAST);
  }

  JTextArea input() {
    return input;
  }

  void placeholder(String text) {
    input.putClientProperty("JTextField.placeholderText", text);
    input.repaint();
  }

  private void submit(Consumer<String> onSend) {
    String text = input.getText();
    if (text.isBlank()) {
      return;
    }
    input.setText("");
    onSend.accept(text.strip());
    input.requestFocusInWindow();
  }

  /** One row per line typed, up to {@link #MAX_ROWS}; beyond that the box scrolls. */
  private final class Grow implements DocumentListener {
    @Override
    public void insertUpdate(DocumentEvent e) {
      resize();
    }

    @Override
    public void removeUpdate(DocumentEvent e) {
      resize();
    }

    @Override
    public void changedUpdate(DocumentEvent e) {}

    private void resize() {
      int rows = Math.max(1, Math.min(MAX_ROWS, input.getLineCount()));
      if (rows != input.getRows()) {
        input.setRows(rows);
        scroll.revalidate();
        Composer.this.revalidate();
      }
    }
  }
}
