package dev.parley.desktop.settings;

import java.util.Locale;

/** Which look the window has: light, dark, or whatever the system prefers. */
public enum ThemeChoice {
  LIGHT,
  DARK,
  SYSTEM;

  /** {@code light}, {@code dark} or {@code system}, any case; an unknown word is an error naming it. */
  public static ThemeChoice parse(String word) {
    try {
      return valueOf(word.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + word + "' is not a theme (light, dark or system)", e);
    }
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
