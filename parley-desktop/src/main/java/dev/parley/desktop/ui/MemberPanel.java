package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import dev.parley.desktop.model.Members;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.event.ActionEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.UIManager;

/**
 * The right column: the open room's members, those here now with a green dot, those who left
 * with a ring. Double-click, Enter or the context menu opens a private conversation.
 */
final class MemberPanel extends JPanel {
  private final DefaultListModel<Members.Member> model = new DefaultListModel<>();
  private final JList<Members.Member> list = new JList<>(model);
  private final JLabel title = RoomSidebar.sectionLabel("MEMBERS");

  MemberPanel(Supplier<String> me, Consumer<String> openDirect) {
    super(new BorderLayout());
    setBorder(Looks.line(false, true, false, false));
    title.setName("members-title");
    title.setBorder(BorderFactory.createEmptyBorder(UIScale.scale(16), UIScale.scale(14), UIScale.scale(8), UIScale.scale(14)));
    add(title, BorderLayout.NORTH);

    list.setName("members");
    list.getAccessibleContext().setAccessibleName("Members");
    list.setCellRenderer(new DefaultListCellRenderer() {
      @Override
      public Component getListCellRendererComponent(
          JList<?> l, Object value, int index, boolean selected, boolean focused) {
        Members.Member m = (Members.Member) value;
        boolean self = m.name().equalsIgnoreCase(me.get());
        super.getListCellRendererComponent(l, m.name() + (self ? " (you)" : ""), index, selected, focused);
        setIcon(new PresenceDot(m.online() ? PresenceDot.ONLINE : UIManager.getColor("Label.disabledForeground"),
            m.online(), UIScale.scale(9)));
        setIconTextGap(UIScale.scale(8));
        setBorder(BorderFactory.createEmptyBorder(UIScale.scale(4), UIScale.scale(10), UIScale.scale(4), UIScale.scale(10)));
        if (!m.online() && !selected) {
          setForeground(UIManager.getColor("Label.disabledForeground"));
        }
        setOpaque(selected); // the panel's own colour shows through the other rows
        setToolTipText(m.online() ? "here now" : "away");
        getAccessibleContext().setAccessibleName(m.name() + (m.online() ? ", here" : ", away"));
        return this;
      }
    });
    Runnable open = () -> {
      Members.Member m = list.getSelectedValue();
      if (m != null && !m.name().equalsIgnoreCase(me.get())) {
        openDirect.accept(m.name());
      }
    };
    list.getInputMap().put(KeyStroke.getKeyStroke("ENTER"), "parley-open-direct");
    list.getActionMap().put("parley-open-direct", action(open));
    JPopupMenu menu = new JPopupMenu();
    JMenuItem message = new JMenuItem(action(open));
    message.setText("Send a private message");
    menu.add(message);
    list.addMouseListener(new MouseAdapter() {
      @Override
      public void mouseClicked(MouseEvent e) {
        if (e.getClickCount() == 2) {
          open.run();
        }
      }

      @Override
      public void mousePressed(MouseEvent e) {
        popup(e);
      }

      @Override
      public void mouseReleased(MouseEvent e) {
        popup(e);
      }

      private void popup(MouseEvent e) {
        if (e.isPopupTrigger()) {
          int row = list.locationToIndex(e.getPoint());
          if (row >= 0) {
            list.setSelectedIndex(row);
            menu.show(list, e.getX(), e.getY());
          }
        }
      }
    });
    list.setOpaque(false);
    JScrollPane scroll = new JScrollPane(list);
    scroll.setOpaque(false);
    scroll.getViewport().setOpaque(false);
    scroll.setBorder(BorderFactory.createEmptyBorder(0, UIScale.scale(4), 0, UIScale.scale(4)));
    add(scroll, BorderLayout.CENTER);
    JLabel hint = new JLabel("<html>Double-click or Enter on a name for a private message</html>");
    hint.setFont(hint.getFont().deriveFont(hint.getFont().getSize2D() - 1.5f));
    Looks.muted(hint);
    hint.setBorder(BorderFactory.createEmptyBorder(UIScale.scale(8), UIScale.scale(14), UIScale.scale(12), UIScale.scale(14)));
    add(hint, BorderLayout.SOUTH);
    setPreferredSize(new java.awt.Dimension(UIScale.scale(190), 10));
  }

  void show(List<Members.Member> members, int online) {
    Members.Member picked = list.getSelectedValue();
    model.clear();
    members.forEach(model::addElement);
    title.setText(("Members · " + online + " here").toUpperCase(Locale.ROOT));
    if (picked != null) {
      list.setSelectedValue(picked, false);
    }
  }

  private static AbstractAction action(Runnable run) {
    return new AbstractAction() {
      @Override
      public void actionPerformed(ActionEvent e) {
        run.run();
      }
    };
  }
}
