package dev.parley.desktop.model;

import dev.parley.protocol.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Who is typing in each room: a {@code typing} frame shows its user for {@link #SHOW_MILLIS}
 * after the last one; a message from them ends it at once. The clock is given (milliseconds),
 * so that tests can move it.
 */
public final class TypingIndicator {
  /** How long a {@code typing} frame is shown (the senders repeat it every 3 s while typing). */
  public static final long SHOW_MILLIS = 5_000;

  private final LongSupplier clock;
  /** room → user key → (name as sent, shown until). */
  private final Map<String, Map<String, Typist>> rooms = new HashMap<>();

  private record Typist(String name, long until) {}

  public TypingIndicator(LongSupplier clock) {
    this.clock = clock;
  }

  public void typing(String room, String user) {
    Map<String, Typist> typists = rooms.computeIfAbsent(room, r -> new LinkedHashMap<>());
    typists.remove(Names.key(user)); // the newest typist goes last
    typists.put(Names.key(user), new Typist(user, clock.getAsLong() + SHOW_MILLIS));
  }

  /** {@code user} sent a message to {@code room}: they are no longer typing. True when they were shown. */
  public boolean messageFrom(String room, String user) {
    Map<String, Typist> typists = rooms.get(room);
    return typists != null && typists.remove(Names.key(user)) != null;
  }

  /** Who is typing in {@code room} now, in the order they began. */
  public List<String> typingIn(String room) {
    Map<String, Typist> typists = rooms.get(room);
    if (typists == null) {
      return List.of();
    }
    long now = clock.getAsLong();
    typists.values().removeIf(t -> t.until() <= now);
    List<String> names = new ArrayList<>();
    typists.values().forEach(t -> names.add(t.name()));
    return names;
  }

  /** "alice is typing…", "alice and bob are typing…", "Several people are typing…", or "". */
  public String line(String room) {
    List<String> names = typingIn(room);
    return switch (names.size()) {
      case 0 -> "";
      case 1 -> names.get(0) + " is typing…";
      case 2 -> names.get(0) + " and " + names.get(1) + " are typing…";
      case 3 -> names.get(0) + ", " + names.get(1) + " and " + names.get(2) + " are typing…";
      default -> "Several people are typing…";
    };
  }

  /** Whether anyone is shown typing anywhere (the window redraws the line until no one is). */
  public boolean anyone() {
    long now = clock.getAsLong();
    return rooms.values().stream().anyMatch(t -> t.values().stream().anyMatch(x -> x.until() > now));
  }
}
