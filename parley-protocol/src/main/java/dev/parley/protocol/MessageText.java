package dev.parley.protocol;

/**
 * The rule for message text: 1 to {@value #MAX_CODE_POINTS} Unicode code points, no C0 control
 * characters other than newline and tab, no DEL, no C1 controls, and no unpaired surrogates.
 */
public final class MessageText {
  public static final int MAX_CODE_POINTS = 4096;
  /** A room's topic follows the rules of text, shorter, and may be empty (no topic). */
  public static final int MAX_TOPIC_CODE_POINTS = 300;

  private MessageText() {}

  /** Returns why {@code text} is refused, or {@code null} when it is acceptable. */
  public static String problem(String text) {
    if (text.isEmpty()) {
      return "text must not be empty";
    }
    return problem(text, MAX_CODE_POINTS);
  }

  /** As {@link #problem(String)} for a topic: at most 300 code points, {@code ""} allowed. */
  public static String topicProblem(String topic) {
    String problem = problem(topic, MAX_TOPIC_CODE_POINTS);
    return problem == null ? null : problem.replaceFirst("^text", "topic");
  }

  private static String problem(String text, int maxCodePoints) {
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isSurrogate((char) cp)) {
        return "text contains an unpaired surrogate";
      }
      if (isRefusedControl(cp)) {
        return String.format("text contains control character U+%04X", cp);
      }
      if (++count > maxCodePoints) {
        return "text is longer than " + maxCodePoints + " characters";
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  private static boolean isRefusedControl(int cp) {
    boolean c0 = cp < 0x20 && cp != '\n' && cp != '\t';
    boolean delOrC1 = cp >= 0x7F && cp <= 0x9F;
    return c0 || delOrC1;
  }
}
