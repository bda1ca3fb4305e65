package dev.parley.desktop.settings;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the settings live: {@code $XDG_CONFIG_HOME/parley}, else {@code ~/.config/parley} (the
 * XDG base directory rules, which Linux desktops follow; other systems get the same folder
 * under the home directory).
 */
public final class ConfigDirectory {
  private ConfigDirectory() {}

  public static Path resolve(Map<String, String> environment, String userHome) {
    String xdg = environment.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "parley");
    }
    return Path.of(userHome, ".config", "parley");
  }

  /** For this process: its environment and {@code user.home}. */
  public static Path ofThisUser() {
    return resolve(System.getenv(), System.getProperty("user.home"));
  }
}
