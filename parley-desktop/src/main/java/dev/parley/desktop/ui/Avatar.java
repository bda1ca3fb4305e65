package dev.parley.desktop.ui;

import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.Icon;

/** A round badge with a user's initial in the user's colour, as chat apps show for people without a photo. */
final class Avatar implements Icon {
  private final String user;
  private final int size;

  Avatar(String user, int size) {
    this.user = user;
    this.size = size;
  }

  @Override
  public void paintIcon(Component c, Graphics g, int x, int y) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g2.setColor(UserColours.of(user, false));
      g2.fillOval(x, y, size, size);
      String initial = user.isEmpty() ? "?" : user.substring(0, 1).toUpperCase(java.util.Locale.ROOT);
      Font font = c.getFont().deriveFont(Font.BOLD, size * 0.45f);
      g2.setFont(font);
      FontMetrics fm = g2.getFontMetrics();
      g2.setColor(Color.WHITE); // the palette is dark enough for white on both themes
      int tx = x + (size - fm.stringWidth(initial)) / 2;
      int ty = y + (size - fm.getHeight()) / 2 + fm.getAscent();
      g2.drawString(initial, tx, ty);
    } finally {
      g2.dispose();
    }
  }

  @Override
  public int getIconWidth() {
    return size;
  }

  @Override
  public int getIconHeight() {
    return size;
  }
}
