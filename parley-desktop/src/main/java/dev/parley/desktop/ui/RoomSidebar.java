package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import dev.parley.desktop.model.RoomEntry;
import java.awt.BorderLayout;
import java.awt.Font;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;

/**
 * The left column: who is signed in, the rooms and private conversations with their unread
 * counts, and a box to join a room by name or number (Ctrl+K).
 */
final class RoomSidebar extends JPanel {
  private final RoomListModel model = new RoomListModel();
  private final JList<RoomEntry> rooms = new JList<>(model);
  private final JTextField join = new JTextField();
  private final JLabel who = new JLabel();
  /** Set while the list is updated from the session, so its selection events are not the user's. */
  private boolean updating;

  RoomSidebar(Supplier<String> me, Consumer<String> onSelect, Consumer<String> onJoin) {
    super(new BorderLayout());
    setBorder(Looks.line(false, false, false, true));

    who.setName("signed-in-as");
    who.setFont(who.getFont().deriveFont(Font.BOLD, who.getFont().getSize2D() * 1.1f));
    who.setIconTextGap(UIScale.scale(10));
    JLabel section = sectionLabel("ROOMS");
    JPanel top = new JPanel(new BorderLayout(0, UIScale.scale(14)));
    top.setOpaque(false);
    top.setBorder(BorderFactory.createEmptyBorder(UIScale.scale(14), UIScale.scale(14), UIScale.scale(6), UIScale.scale(14)));
    top.add(who, BorderLayout.NORTH);
    top.add(section, BorderLayout.SOUTH);
    add(top, BorderLayout.NORTH);

    rooms.setName("rooms");
    rooms.setCellRenderer(new RoomCellRenderer(me));
    rooms.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    rooms.setOpaque(false);
    rooms.getAccessibleContext().setAccessibleName("Rooms");
    rooms.addListSelectionListener(e -> {
      RoomEntry picked = rooms.getSelectedValue();
      if (!updating && !e.getValueIsAdjusting() && picked != null) {
        onSelect.accept(picked.room());
      }
    });
    JScrollPane scroll = new JScrollPane(rooms);
    scroll.setBorder(BorderFactory.createEmptyBorder(0, UIScale.scale(6), 0, UIScale.scale(6)));
    scroll.setOpaque(false);
    scroll.getViewport().setOpaque(false);
    add(scroll, BorderLayout.CENTER);

    join.setName("join-room");
    join.putClientProperty("JTextField.placeholderText", "Join a room…");
    join.getAccessibleContext().setAccessibleName("Join a room by name or number");
    join.setToolTipText("A room's name or number, then Enter (Ctrl+K comes here)");
    JButton go = new JButton("Join");
    go.setName("join");
    Runnable submit = () -> {
      String room = join.getText().strip();
      if (!room.isEmpty()) {
        join.setText("");
        onJoin.accept(room);
      }
    };
    join.addActionListener(e -> submit.run());
    go.addActionListener(e -> submit.run());
    JPanel bottom = new JPanel(new BorderLayout(UIScale.scale(6), 0));
    bottom.setOpaque(false);
    bottom.setBorder(BorderFactory.createEmptyBorder(UIScale.scale(8), UIScale.scale(12), UIScale.scale(12), UIScale.scale(12)));
    bottom.add(join, BorderLayout.CENTER);
    bottom.add(go, BorderLayout.EAST);
    add(bottom, BorderLayout.SOUTH);
    setPreferredSize(new java.awt.Dimension(UIScale.scale(230), 10));
  }

  static JLabel sectionLabel(String text) {
    JLabel label = new JLabel(text);
    label.setFont(label.getFont().deriveFont(Font.BOLD, label.getFont().getSize2D() - 1.5f));
    return Looks.muted(label);
  }

  void signedInAs(String user) {
    who.setText(user);
    who.setIcon(new Avatar(user, UIScale.scale(30)));
  }

  /** Shows the rooms and marks the open one. */
  void show(List<RoomEntry> entries, String selected) {
    updating = true;
    try {
      model.set(entries);
      int index = selected == null ? -1 : model.indexOf(selected);
      if (index >= 0) {
        rooms.setSelectedIndex(index);
        rooms.ensureIndexIsVisible(index);
      } else {
        rooms.clearSelection();
      }
    } finally {
      updating = false;
    }
  }

  JTextField joinField() {
    return join;
  }
}
