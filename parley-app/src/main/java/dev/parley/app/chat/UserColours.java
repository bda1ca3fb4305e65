package dev.parley.app.chat;

import java.util.Locale;
import org.jline.utils.AttributedStyle;

/**
 * A colour per user, the same in every session: picked from a palette by a stable hash of the
 * name (case-insensitive, as names are). Red is kept for errors.
 */
final class UserColours {
  private static final int[] PALETTE = {
    AttributedStyle.GREEN,
    AttributedStyle.YELLOW,
    AttributedStyle.BLUE,
    AttributedStyle.MAGENTA,
    AttributedStyle.CYAN,
    AttributedStyle.GREEN | AttributedStyle.BRIGHT,
    AttributedStyle.YELLOW | AttributedStyle.BRIGHT,
    AttributedStyle.BLUE | AttributedStyle.BRIGHT,
    AttributedStyle.MAGENTA | AttributedStyle.BRIGHT,
    AttributedStyle.CYAN | AttributedStyle.BRIGHT,
  };

  private UserColours() {}

  static AttributedStyle of(String user) {
    String key = user.toLowerCase(Locale.ROOT);
    int hash = 0;
    for (int i = 0; i < key.length(); i++) {
      hash = 31 * hash + key.charAt(i); // String.hashCode, spelled out: it must never change
    }
    return AttributedStyle.DEFAULT.foreground(PALETTE[Math.floorMod(hash, PALETTE.length)]).bold();
  }
}
