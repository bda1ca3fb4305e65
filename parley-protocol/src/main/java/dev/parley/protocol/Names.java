package dev.parley.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for user and room names. Both are one name without regard to case: users are
 * looked up through {@link #key(String)}, and rooms are known only by their lower-case
 * {@link #room(String) spelling}, so "Lobby" and "lobby" are one room. A private conversation
 * is the room {@code dm:} + the two lower-cased user names in sorted order.
 */
public final class Names {
  public static final int MAX_USER = 32;
  public static final int MAX_ROOM = 64;
  public static final String DIRECT_PREFIX = "dm:";

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_USER + "}");
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_ROOM + "}");
  private static final Pattern DIRECT =
      Pattern.compile("dm:([a-z0-9_.-]{1," + MAX_USER + "}):([a-z0-9_.-]{1," + MAX_USER + "})");

  private Names() {}

  public static boolean isValidUser(String name) {
    return name != null && USER.matcher(name).matches();
  }

  /** A public room name, or a private conversation in its one canonical spelling. */
  public static boolean isValidRoom(String name) {
    if (name == null) {
      return false;
    }
    if (name.startsWith(DIRECT_PREFIX)) {
      var m = DIRECT.matcher(name);
      return m.matches() && m.group(1).compareTo(m.group(2)) <= 0;
    }
    return ROOM.matcher(name).matches();
  }

  public static boolean isDirect(String room) {
    return room.startsWith(DIRECT_PREFIX);
  }

  /** The case-folded form under which a user name is unique. */
  public static String key(String user) {
    return user.toLowerCase(Locale.ROOT);
  }

  /**
   * The one spelling of a room name: ASCII letters in lower case, since spellings that differ
   * only in case are the same room. Only ASCII is folded, so that no other character (the
   * Kelvin sign folds to "k") can turn into a valid name.
   */
  public static String room(String name) {
    int first = 0;
    while (first < name.length() && !isAsciiUpper(name.charAt(first))) {
      first++;
    }
    if (first == name.length()) {
      return name; // the usual case, on every frame that names a room: no copy
    }
    char[] chars = name.toCharArray();
    for (int i = first; i < chars.length; i++) {
      if (isAsciiUpper(chars[i])) {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private static boolean isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  /** The private conversation between two users, whichever of them asks. */
  public static String directRoom(String userA, String userB) {
    String a = key(userA);
    String b = key(userB);
    return a.compareTo(b) <= 0 ? DIRECT_PREFIX + a + ":" + b : DIRECT_PREFIX + b + ":" + a;
  }

  /** The two users' keys of a valid private room name, or none for any other name. */
  public static java.util.List<String> participants(String directRoom) {
    var m = DIRECT.matcher(directRoom);
    return m.matches() ? java.util.List.of(m.group(1), m.group(2)) : java.util.List.of();
  }

  /** Whether {@code user} is one of the two people of a valid private room name. */
  public static boolean isParticipant(String directRoom, String user) {
    var m = DIRECT.matcher(directRoom);
    if (!m.matches()) {
      return false;
    }
    String k = key(user);
    return m.group(1).equals(k) || m.group(2).equals(k);
  }
}
