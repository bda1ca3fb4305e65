package dev.parley.desktop.ui;

import java.awt.Color;
import java.util.Locale;

/**
 * A colour per user, the same in every session and on every device: picked from a palette by a
 * stable hash of the name (case-insensitive, as names are); a lighter palette on dark themes so
 * names stay readable.
 */
final class UserColours {
  private static final Color[] ON_LIGHT = {
    new Color(0x1f7a4d), new Color(0xa3521c), new Color(0x2a5db0), new Color(0x8e3aa8),
    new Color(0x0f7c8c), new Color(0xb0306a), new Color(0x5b6b12), new Color(0x6a4fd0),
  };
  private static final Color[] ON_DARK = {
    new Color(0x5fd39a), new Color(0xf2a46b), new Color(0x7fb0ff), new Color(0xd59cf0),
    new Color(0x5cd0df), new Color(0xf287b6), new Color(0xc7d66a), new Color(0xa996ff),
  };

  private UserColours() {}

  static Color of(String user, boolean dark) {
    String key = user.toLowerCase(Locale.ROOT);
    int hash = 0;
    for (int i = 0; i < key.length(); i++) {
      hash = 31 * hash + key.charAt(i); // String.hashCode, spelled out: it must never change
    }
    Color[] palette = dark ? ON_DARK : ON_LIGHT;
    return palette[Math.floorMod(hash, palette.length)];
  }
}
