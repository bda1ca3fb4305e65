package dev.parley.app;

/** The one line a failed command prints on standard error: {@code parley: <problem>}. */
public final class ErrorLine {
  private ErrorLine() {}

  /** {@code parley: } and the first line of {@code problem}, so a message can never spill over. */
  public static String of(String problem) {
    String text = problem == null || problem.isBlank() ? "failed" : problem.strip();
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline).strip();
    }
    return "parley: " + text;
  }
}
