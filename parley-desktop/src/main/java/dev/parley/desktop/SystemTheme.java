package dev.parley.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the system prefers a dark look, asked the way each desktop answers it: GNOME's
 * {@code color-scheme} (and a {@code :dark} GTK theme), macOS's interface style, Windows'
 * "apps use light theme". Anything that cannot be asked, or takes more than two seconds, counts
 * as light.
 */
final class SystemTheme {
  private static final long ASK_SECONDS = 2;

  private SystemTheme() {}

  static boolean prefersDark() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return ask(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).strip().equalsIgnoreCase("dark");
    }
    if (os.contains("windows")) {
      String answer = ask(List.of("reg", "query",
          "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme"));
      return answer.contains("0x0");
    }
    return linuxPrefersDark(System.getenv());
  }

  static boolean linuxPrefersDark(Map<String, String> environment) {
    String gtkTheme = environment.getOrDefault("GTK_THEME", "");
    if (gtkTheme.toLowerCase(Locale.ROOT).endsWith(":dark")) {
      return true;
    }
    String scheme = ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
    return scheme.contains("prefer-dark");
  }

  /** The command's standard output, or "" when it cannot be run or takes too long. */
  private static String ask(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStream out = p.getInputStream()) {
        if (!p.waitFor(ASK_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return "";
        }
        return new String(out.readNBytes(4096), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
