package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import dev.parley.desktop.model.RoomEntry;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;
import javax.swing.UIManager;

/**
 * A room list row: {@code #room} or the other person's name (with an avatar), in bold with a
 * pill showing the count when there are unread messages.
 */
final class RoomCellRenderer extends JPanel implements ListCellRenderer<RoomEntry> {
  private final JLabel name = new JLabel();
  private final UnreadPill pill = new UnreadPill();
  private final Supplier<String> me;

  RoomCellRenderer(Supplier<String> me) {
    super(new BorderLayout());
    this.me = me;
    add(name, BorderLayout.CENTER);
    add(pill, BorderLayout.EAST);
  }

  @Override
  public Component getListCellRendererComponent(
      JList<? extends RoomEntry> list, RoomEntry entry, int index, boolean selected, boolean focused) {
    setBorder(BorderFactory.createEmptyBorder(UIScale.scale(6), UIScale.scale(10), UIScale.scale(6), UIScale.scale(10)));
    name.setText(entry.label(me.get()));
    name.setIcon(entry.isDirect() ? new Avatar(entry.label(me.get()), UIScale.scale(18)) : null);
    name.setIconTextGap(UIScale.scale(8));
    Font base = list.getFont();
    int unread = entry.unread().count();
    name.setFont(unread > 0 ? base.deriveFont(Font.BOLD) : base);
    Color fg = selected ? list.getSelectionForeground()
        : unread > 0 ? list.getForeground() : UIManager.getColor("Label.disabledForeground");
    name.setForeground(selected || unread > 0 ? fg : blend(list.getForeground(), fg));
    setBackground(list.getSelectionBackground());
    setOpaque(selected); // the sidebar's own colour shows through the other rows
    pill.text = unread > 99 ? "99+" : entry.unread().label();
    pill.setVisible(unread > 0);
    getAccessibleContext().setAccessibleName(
        entry.label(me.get()) + (unread > 0 ? ", " + entry.unread().label() + " unread" : ""));
    return this;
  }

  private static Color blend(Color a, Color b) {
    return new Color((a.getRed() * 3 + b.getRed()) / 4, (a.getGreen() * 3 + b.getGreen()) / 4,
        (a.getBlue() * 3 + b.getBlue()) / 4);
  }

  /** The rounded count of unread messages at the right of a row. */
  private static final class UnreadPill extends JComponent {
    String text = "";

    @Override
    public Dimension getPreferredSize() {
      Font f = getFont() == null ? UIManager.getFont("Label.font") : getFont();
      int w = getFontMetrics(f.deriveFont(Font.BOLD)).stringWidth(label()) + UIScale.scale(12);
      return new Dimension(Math.max(w, UIScale.scale(22)), UIScale.scale(18));
    }

    private String label() {
      return text;
    }

    @Override
    protected void paintComponent(Graphics g) {
      Graphics2D g2 = (Graphics2D) g.create();
      try {
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int h = UIScale.scale(18);
        int y = (getHeight() - h) / 2;
        g2.setColor(UIManager.getColor("Component.accentColor") != null
            ? UIManager.getColor("Component.accentColor") : new Color(0x3d6fd9));
        g2.fillRoundRect(0, y, getWidth(), h, h, h);
        g2.setColor(Color.WHITE);
        Font f = UIManager.getFont("Label.font").deriveFont(Font.BOLD, UIManager.getFont("Label.font").getSize2D() - 1);
        g2.setFont(f);
        var fm = g2.getFontMetrics();
        g2.drawString(label(), (getWidth() - fm.stringWidth(label())) / 2, y + (h - fm.getHeight()) / 2 + fm.getAscent());
      } finally {
        g2.dispose();
      }
    }
  }
}
