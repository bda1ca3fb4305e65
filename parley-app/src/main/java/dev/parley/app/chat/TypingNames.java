package dev.parley.app.chat;

import dev.parley.protocol.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is typing in each room, as the status line says it: a user shows for {@link #SHOWN} after
 * their last {@code typing}, or until their next message. Times are {@link System#nanoTime}
 * values, given by the caller. Thread-safe.
 */
final class TypingNames {
  static final Duration SHOWN = Duration.ofSeconds(5);

  /** Per room, per user key: the user's name and until when it shows. */
  private final Map<String, Map<String, Typist>> rooms = new HashMap<>();

  private record Typist(String name, long until) {}

  synchronized void heard(String room, String user, long now) {
    Map<String, Typist> typists = rooms.computeIfAbsent(room, r -> new LinkedHashMap<>());
    typists.remove(Names.key(user)); // the newest at the end
    typists.put(Names.key(user), new Typist(user, now + SHOWN.toNanos()));
  }

  /** {@code user}'s message arrived: they are done typing it. */
  synchronized void spoke(String room, String user) {
    Map<String, Typist> typists = rooms.get(room);
    if (typists != null) {
      typists.remove(Names.key(user));
    }
  }

  /** {@code "bob is typing…"}, {@code "bob and carol are typing…"}, or {@code ""}. */
  synchronized String text(String room, long now) {
    Map<String, Typist> typists = rooms.get(room);
    if (typists == null) {
      return "";
    }
    typists.values().removeIf(t -> t.until() - now <= 0);
    List<String> names = new ArrayList<>(typists.values().stream().map(Typist::name).toList());
    return switch (names.size()) {
      case 0 -> "";
      case 1 -> names.get(0) + " is typing…";
      case 2 -> names.get(0) + " and " + names.get(1) + " are typing…";
      default -> "several people are typing…";
    };
  }
}
