package dev.parley.app.bot;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a bot keeps its state unless {@code --state} says: {@code
 * $XDG_CONFIG_HOME/parley/bots/USER@SERVER.json} ({@code ~/.config} when the variable is not
 * set), the user's name in lower case and the server as given, with characters other than
 * letters, digits, {@code . _ -} and {@code @} written as {@code _}.
 */
final class StateFiles {
  private StateFiles() {}

  static Path defaultFor(String user, String server) {
    String config = System.getenv("XDG_CONFIG_HOME");
    Path base = config != null && !config.isBlank()
        ? Path.of(config)
        : Path.of(System.getProperty("user.home"), ".config");
    String name = (user.toLowerCase(Locale.ROOT) + "@" + server).replaceAll("[^A-Za-z0-9._@-]", "_");
    return base.resolve("parley").resolve("bots").resolve(name + ".json");
  }
}
