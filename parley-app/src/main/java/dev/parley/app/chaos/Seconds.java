package dev.parley.app.chaos;

import java.time.Duration;
import java.util.Locale;

/** Durations as the report prints them: seconds with one decimal ({@code 12.3 s}). */
final class Seconds {
  private Seconds() {}

  static String format(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static String sinceNanos(long startNanos, long nowNanos) {
    return format(Duration.ofNanos(nowNanos - startNanos));
  }
}
