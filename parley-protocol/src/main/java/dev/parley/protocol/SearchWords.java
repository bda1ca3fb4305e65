package dev.parley.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a search query and a message's text are made of, for full-text search: words are runs of
 * letters, digits and marks (everything else separates them), compared lower-cased. Both stores
 * index the words this class finds, so they agree on what matches.
 */
public final class SearchWords {
  /** A query needs at least one word this long. */
  public static final int MIN_WORD = 2;

  private SearchWords() {}

  /** The words of {@code text}, lower-cased, in order (repeats kept). */
  public static List<String> of(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (isWordPart(cp)) {
        word.appendCodePoint(cp);
      } else if (word.length() > 0) {
        words.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
      i += Character.charCount(cp);
    }
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  /** The text as its words, lower-cased and joined by single spaces (what the stores index). */
  public static String normalized(String text) {
    return String.join(" ", of(text));
  }

  /** Whether a query has a word long enough to search for. */
  public static boolean searchable(List<String> words) {
    return words.stream().anyMatch(w -> w.codePointCount(0, w.length()) >= MIN_WORD);
  }

  private static boolean isWordPart(int cp) {
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.NON_SPACING_MARK,
          Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> true;
      default -> false;
    };
  }
}
