package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import java.awt.BorderLayout;
import java.awt.KeyboardFocusManager;
import java.awt.event.ActionEvent;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
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
 * tab, so the window can be used with the keyboard alone. It also edits: {@link #startEditing}
 * puts a message's text in the box under an "Editing" banner, Enter saves the edit and Esc
 * cancels it; Up in the empty box asks to edit the user's last message.
 */
final class Composer extends JPanel {
  private static final int MAX_ROWS = 6;

  private final JTextArea input = new JTextArea(1, 20);
  private final JButton send = new JButton("Send");
  private final JScrollPane scroll;
  private final JLabel editing = new JLabel("Editing message — Enter saves, Esc cancels");
  /** The message being edited, 0 when the box writes a new one. Event thread. */
  private long editingId;
  private BiConsumer<Long, String> onEdit = (id, text) -> {};
  private Runnable onUpInEmpty = () -> {};
  private Runnable onTyping = () -> {};

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
    bind("UP", () -> {
      if (input.getText().isEmpty() && editingId == 0) {
        onUpInEmpty.run();
      } else {
        input.getActionMap().get(DefaultEditorKit.upAction)
            .actionPerformed(new ActionEvent(input, ActionEvent.ACTION_PERFORMED, null));
      }
    });
    bind("ESCAPE", this::stopEditing);
    editing.setName("editing");
    editing.setVisible(false);
    editing.setBorder(BorderFactory.createEmptyBorder(0, 0, UIScale.scale(4), 0));
    Looks.muted(editing);
    send.setName("send");
    send.addActionListener(sendAction);
    send.putClientProperty("FlatLaf.style", "background: $Button.default.background;"
        + " foreground: $Button.default.foreground; borderColor: $Button.default.background; font: bold");
    scroll = new JScrollPane(input, ScrollPaneConstants.VERTICAL_SCROLLBAR_AS_NEEDED,
        ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
    add(editing, BorderLayout.NORTH);
    add(scroll, BorderLayout.CENTER);
    add(send, BorderLayout.EAST);
  }

  /** Enter while editing saves the edit here: the message's id and the new text. */
  void onEdit(BiConsumer<Long, String> action) {
    onEdit = action;
  }

  /** Up in the empty box (to edit the last message). */
  void onUpInEmpty(Runnable action) {
    onUpInEmpty = action;
  }

  /** The user typed something new (not while editing). */
  void onTyping(Runnable action) {
    onTyping = action;
  }

  /** Puts message {@code id}'s text in the box for editing. */
  void startEditing(long id, String text) {
    editingId = id;
    input.setText(text);
    editing.setVisible(true);
    send.setText("Save");
    revalidate();
    input.requestFocusInWindow();
  }

  boolean isEditing() {
    return editingId != 0;
  }

  /** Leaves editing, the box empty again (Esc, or another room shown). */
  void stopEditing() {
    if (editingId == 0) {
      return;
    }
    editingId = 0;
    input.setText("");
    editing.setVisible(false);
    send.setText("Send");
    revalidate();
  }

  private void bind(String key, Runnable action) {
    input.getInputMap().put(KeyStroke.getKeyStroke(key), "parley-" + key);
    input.getActionMap().put("parley-" + key, new AbstractAction() {
      @Override
      public void actionPerformed(ActionEvent e) {
        action.run();
      }
    });
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
    long id = editingId;
    if (id != 0) {
      stopEditing();
      onEdit.accept(id, text.strip());
    } else {
      input.setText("");
      onSend.accept(text.strip());
    }
    input.requestFocusInWindow();
  }

  /** One row per line typed, up to {@link #MAX_ROWS}; beyond that the box scrolls. */
  private final class Grow implements DocumentListener {
    @Override
    public void insertUpdate(DocumentEvent e) {
      resize();
      if (editingId == 0) {
        onTyping.run();
      }
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
