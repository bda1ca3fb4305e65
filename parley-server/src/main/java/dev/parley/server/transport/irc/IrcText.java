package dev.parley.server.transport.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Message text between IRC and Parley: formatting and CTCP in, line splitting out. */
final class IrcText {
  private static final char CTCP = '\u0001';

  private IrcText() {}

  /**
   * What a PRIVMSG's text becomes in Parley: {@code ACTION} (a /me) as "* text", other CTCP
   * requests as {@code null} (not chat), and IRC formatting codes (bold, colours, …) removed,
   * as Parley refuses control characters in text.
   */
  static String fromIrc(String text) {
    if (text.length() >= 2 && text.charAt(0) == CTCP) {
      String body = text.substring(1, text.charAt(text.length() - 1) == CTCP ? text.length() - 1 : text.length());
      if (!body.startsWith("ACTION ")) {
        return null;
      }
      text = "* " + body.substring("ACTION ".length());
    }
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0003') { // colour: up to two digits, optionally ",NN"
        i = skipDigits(text, i + 1);
        if (i + 1 < text.length() && text.charAt(i + 1) == ',' && i + 2 < text.length()
            && Character.isDigit(text.charAt(i + 2))) {
          i = skipDigits(text, i + 2);
        }
      } else if (c < 0x20 || c == 0x7f) {
        continue; // bold, italics, reset, reverse, … and any other control
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static int skipDigits(String text, int from) {
    int i = from;
    while (i < text.length() && i < from + 2 && Character.isDigit(text.charAt(i))) {
      i++;
    }
    return i - 1;
  }

  /**
   * A Parley text as IRC line payloads: one per line of the text (blank lines left out), each cut
   * (between code points, at a space when there is one) so that it fits in {@code maxBytes}.
   */
  static List<String> toIrc(String text, int maxBytes) {
    List<String> parts = new ArrayList<>();
    for (String line : text.split("\n")) {
      line = line.replace('\t', ' ');
      while (!line.isBlank()) {
        int cut = cutPoint(line, maxBytes);
        parts.add(line.substring(0, cut));
        line = line.substring(cut);
      }
    }
    return parts;
  }

  private static int cutPoint(String line, int maxBytes) {
    if (line.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return line.length();
    }
    int bytes = 0;
    int i = 0;
    while (i < line.length()) {
      int cp = line.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    int space = line.lastIndexOf(' ', i - 1);
    return space > i / 2 ? space + 1 : Math.max(i, 1);
  }
}
