package dev.parley.protocol;

import java.util.Locale;

/**
 * Which user names a person would read as the same name. Names are unique without regard to
 * case already; on top of that, {@link #skeleton} folds what commonly passes for another
 * character in a chat window's font ({@code I}/{@code l}/{@code 1}, {@code O}/{@code 0},
 * {@code rn}/{@code m}, {@code vv}/{@code w}) and drops the separators {@code . _ -}, so that
 * {@code aIice}, {@code alice.} and {@code a_lice} all share {@code alice}'s skeleton. Two names
 * with one skeleton are look-alikes: a guest may not take a registered user's look-alike, nor
 * may a new account.
 */
public final class LookAlikes {
  private LookAlikes() {}

  /** The form under which look-alike names are equal. */
  public static String skeleton(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      switch (c) {
        case '.', '_', '-' -> { }
        case '0' -> out.append('o');
        case '1', 'i' -> out.append('l');
        default -> out.append(c);
      }
    }
    return out.toString().replace("rn", "m").replace("vv", "w");
  }
}
