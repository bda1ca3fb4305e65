package dev.parley.desktop.model;

/**
 * A room's unread messages.
 *
 * @param count how many are known
 * @param atLeast whether there may be more than {@code count} (older unread ones are not loaded)
 */
public record Unread(int count, boolean atLeast) {
  public static final Unread NONE = new Unread(0, false);

  /** {@code 7}, or {@code 50+} when there may be more. */
  public String label() {
    return count + (atLeast ? "+" : "");
  }
}
