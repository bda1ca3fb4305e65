package dev.parley.app.desktop;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code --scale}: how big the window is drawn. Java's own scaling ({@code sun.java2d.uiScale})
 * takes whole factors only on Linux, so a whole factor goes there (everything, images included,
 * is drawn at that many pixels per point) and a fractional one to FlatLaf's
 * {@code flatlaf.uiScale}, which sizes fonts, gaps and icons. Both must be set before AWT loads.
 */
record DisplayScale(Double factor) {
  static final double MIN = 0.5;
  static final double MAX = 4;

  static DisplayScale parse(String text, CommandLine commandLine) {
    if (text == null) {
      return new DisplayScale(null);
    }
    String t = text.strip().endsWith("%") ? text.strip().replace("%", "") : text.strip();
    try {
      double value = Double.parseDouble(t);
      if (text.strip().endsWith("%")) {
        value /= 100;
      }
      if (!(value >= MIN && value <= MAX)) {
        throw new NumberFormatException();
      }
      return new DisplayScale(value);
    } catch (NumberFormatException e) {
      throw new ParameterException(commandLine,
          "--scale: '" + text + "' is not a factor from " + MIN + " to " + MAX + " (such as 1, 1.5, 2 or 200%)");
    }
  }

  void install() {
    if (factor == null) {
      return;
    }
    if (factor == Math.rint(factor)) {
      System.setProperty("sun.java2d.uiScale", String.valueOf(factor.intValue()));
      System.setProperty("flatlaf.uiScale", "1");
    } else {
      System.setProperty("sun.java2d.uiScale", "1");
      System.setProperty("flatlaf.uiScale", String.valueOf(factor));
    }
  }
}
