package dev.parley.desktop.ui;

import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.Icon;

/** A small dot: filled in a colour (online, connected) or a hollow ring (away). */
final class PresenceDot implements Icon {
  static final Color ONLINE = new Color(0x2fb36b);
  static final Color BUSY = new Color(0xe0a526);
  static final Color OFFLINE = new Color(0xd64545);

  private final Color colour;
  private final boolean filled;
  private final int size;

  PresenceDot(Color colour, boolean filled, int size) {
    this.colour = colour;
    this.filled = filled;
    this.size = size;
  }

  @Override
  public void paintIcon(Component c, Graphics g, int x, int y) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setColor(colour);
      if (filled) {
        g2.fillOval(x, y, size, size);
      } else {
        g2.setStroke(new java.awt.BasicStroke(1.5f));
        g2.drawOval(x + 1, y + 1, size - 2, size - 2);
      }
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
