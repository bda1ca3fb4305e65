package dev.parley.server.store;

import dev.parley.protocol.SearchWords;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words a store indexes for a text, and looks up for a query: {@link SearchWords}' words,
 * each once, cut to {@value #MAX_CODE_POINTS} code points. Both stores use this one list, so a
 * message matches the same queries whichever store keeps it. (The cut keeps every word short
 * enough for PostgreSQL's lexemes; a query's long word is cut the same way, so it still finds
 * the messages that have it.)
 */
public final class SearchIndexWords {
  /** Longest indexed word: 255 code points are at most 1,020 bytes, under PostgreSQL's 2,047. */
  public static final int MAX_CODE_POINTS = 255;

  private SearchIndexWords() {}

  /** The distinct indexed words of a message's text, in order of first appearance. */
  public static List<String> ofText(String text) {
    return distinct(SearchWords.of(text));
  }

  /** The distinct indexed forms of a query's words (as {@link SearchWords#of} gives them). */
  public static List<String> ofQuery(List<String> words) {
    return distinct(SearchWords.of(String.join(" ", words)));
  }

  private static List<String> distinct(List<String> words) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : words) {
      out.add(w.codePointCount(0, w.length()) <= MAX_CODE_POINTS ? w : w.substring(0, w.offsetByCodePoints(0, MAX_CODE_POINTS)));
    }
    return List.copyOf(out);
  }
}
