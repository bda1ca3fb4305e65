package dev.parley.server.transport.irc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One IRC line, parsed: IRCv3 tags, the source (ignored from clients), the command in upper case
 * and its parameters, the trailing one included.
 */
record IrcMessage(Map<String, String> tags, String command, List<String> params) {
  /** RFC 1459 allows at most 15 parameters. */
  private static final int MAX_PARAMS = 15;

  String param(int i) {
    return i < params.size() ? params.get(i) : null;
  }

  /** Parses one line without its delimiter; {@code null} for a line with no command. */
  static IrcMessage parse(String line) {
    int i = 0;
    Map<String, String> tags = Map.of();
    if (line.startsWith("@")) {
      int end = line.indexOf(' ');
      if (end < 0) {
        return null;
      }
      tags = tags(line.substring(1, end));
      i = end;
    }
    i = skipSpaces(line, i);
    if (i < line.length() && line.charAt(i) == ':') {
      int end = line.indexOf(' ', i);
      if (end < 0) {
        return null;
      }
      i = skipSpaces(line, end);
    }
    int end = line.indexOf(' ', i);
    String command = (end < 0 ? line.substring(i) : line.substring(i, end)).toUpperCase(Locale.ROOT);
    if (command.isEmpty()) {
      return null;
    }
    List<String> params = new ArrayList<>();
    i = end < 0 ? line.length() : end;
    while (i < line.length() && params.size() < MAX_PARAMS) {
      i = skipSpaces(line, i);
      if (i >= line.length()) {
        break;
      }
      if (line.charAt(i) == ':' || params.size() == MAX_PARAMS - 1) {
        params.add(line.substring(line.charAt(i) == ':' ? i + 1 : i));
        break;
      }
      int next = line.indexOf(' ', i);
      params.add(next < 0 ? line.substring(i) : line.substring(i, next));
      i = next < 0 ? line.length() : next;
    }
    return new IrcMessage(tags, command, List.copyOf(params));
  }

  private static int skipSpaces(String line, int i) {
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** Tag values are kept as sent; none of the client's tags change what the gateway does. */
  private static Map<String, String> tags(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : text.split(";")) {
      int eq = tag.indexOf('=');
      if (!tag.isEmpty()) {
        tags.put(eq < 0 ? tag : tag.substring(0, eq), eq < 0 ? "" : tag.substring(eq + 1));
      }
    }
    return tags;
  }
}
