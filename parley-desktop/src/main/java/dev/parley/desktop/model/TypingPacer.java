package dev.parley.desktop.model;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * When to tell a room that the user is typing: on a keystroke, at most once every {@link
 * #EVERY_MILLIS} per room (the others show it for 5 s, so a steady typist never blinks out);
 * again at once after a message was sent, since that ended it for the others.
 */
public final class TypingPacer {
  public static final long EVERY_MILLIS = 3_000;

  private final LongSupplier clock;
  private final Map<String, Long> lastSent = new HashMap<>();

  public TypingPacer(LongSupplier clock) {
    this.clock = clock;
  }

  /** The user typed in {@code room}: true when a {@code typing} frame should go out now. */
  public boolean keystroke(String room) {
    long now = clock.getAsLong();
    Long last = lastSent.get(room);
    if (last != null && now - last < EVERY_MILLIS) {
      return false;
    }
    lastSent.put(room, now);
    return true;
  }

  /** The user sent a message to {@code room}. */
  public void sent(String room) {
    lastSent.remove(room);
  }
}
