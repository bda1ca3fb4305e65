package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Insets;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.UIManager;
import javax.swing.border.AbstractBorder;
import javax.swing.border.Border;

/**
 * Small pieces of the window's look that follow the theme when it changes: colours are looked up
 * when painting (or through FlatLaf styles), not copied when the component is made.
 */
final class Looks {
  private Looks() {}

  /** Greyed text, as for times and hints, in whichever theme is on. */
  static <T extends JComponent> T muted(T c) {
    c.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    return c;
  }

  /** Empty space around a component, in unscaled pixels (scaled here). */
  static Border padding(int top, int left, int bottom, int right) {
    return BorderFactory.createEmptyBorder(
        UIScale.scale(top), UIScale.scale(left), UIScale.scale(bottom), UIScale.scale(right));
  }

  /** A one-pixel separator line on the given sides, in the theme's border colour. */
  static Border line(boolean top, boolean left, boolean bottom, boolean right) {
    return new SideLines(top, left, bottom, right);
  }

  /** A separator line, then padding inside it. */
  static Border lineThenPadding(boolean top, boolean left, boolean bottom, boolean right, int t, int l, int b, int r) {
    return BorderFactory.createCompoundBorder(line(top, left, bottom, right), padding(t, l, b, r));
  }

  private static final class SideLines extends AbstractBorder {
    private final boolean top;
    private final boolean left;
    private final boolean bottom;
    private final boolean right;

    SideLines(boolean top, boolean left, boolean bottom, boolean right) {
      this.top = top;
      this.left = left;
      this.bottom = bottom;
      this.right = right;
    }

    @Override
    public void paintBorder(Component c, Graphics g, int x, int y, int width, int height) {
      Color colour = UIManager.getColor("Component.borderColor");
      g.setColor(colour != null ? colour : Color.GRAY);
      if (top) {
        g.fillRect(x, y, width, 1);
      }
      if (bottom) {
        g.fillRect(x, y + height - 1, width, 1);
      }
      if (left) {
        g.fillRect(x, y, 1, height);
      }
      if (right) {
        g.fillRect(x + width - 1, y, 1, height);
      }
    }

    @Override
    public Insets getBorderInsets(Component c, Insets insets) {
      insets.set(top ? 1 : 0, left ? 1 : 0, bottom ? 1 : 0, right ? 1 : 0);
      return insets;
    }
  }
}
