package dev.parley.app.desktop;

import dev.parley.app.ErrorLine;
import dev.parley.app.QuietLogs;
import dev.parley.desktop.DesktopApp;
import dev.parley.desktop.DesktopLaunch;
import dev.parley.desktop.ServerAddresses;
import dev.parley.desktop.settings.ConfigDirectory;
import dev.parley.desktop.settings.ThemeChoice;
import dev.parley.protocol.Names;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parley desktop}: checks the flags, sets the display scale before AWT starts (it is read
 * once, when the toolkit loads), and runs the desktop client until its window is closed.
 */
@Command(
    name = "desktop",
    mixinStandardHelpOptions = true,
    versionProvider = dev.parley.app.VersionProvider.class,
    description = "Chat in a desktop window (light and dark themes; remembers servers and your login).",
    sortOptions = false)
public final class DesktopCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--server", paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Server to offer at login (default: the last one used, else localhost:7070);"
          + " several, separated by commas, are tried in turn; ws://HOST:PORT/ws for WebSocket.")
  String server;

  @Option(names = "--user", paramLabel = "NAME", description = "Name to offer at login (default: the last one used).")
  String user;

  @Option(names = "--theme", paramLabel = "light|dark|system",
      description = "The look (default: the last one chosen, else the system's).")
  String theme;

  @Option(names = "--scale", paramLabel = "FACTOR",
      description = "Size of everything on screen, e.g. 2 for 200% (default: the system's).")
  String scale;

  @Option(names = "--config-dir", paramLabel = "DIR",
      description = "Where settings and the login token are kept (default: $XDG_CONFIG_HOME/parley or ~/.config/parley).")
  Path configDir;

  @Option(names = "--tls", description = "Speak TLS to HOST:PORT servers, checking their certificate.")
  boolean tls;

  @Option(names = "--trust-cert", paramLabel = "PEM", description = "Trust this certificate (for a self-signed server).")
  Path trustCert;

  @Override
  public Integer call() {
    ThemeChoice themeChoice = themeChoice();
    checkFlags();
    DisplayScale.parse(scale, spec.commandLine()).install();
    QuietLogs.install(false);
    if (GraphicsEnvironment.isHeadless()) {
      System.err.println(ErrorLine.of("desktop needs a display: DISPLAY is not set (or Java runs headless)"));
      return 1;
    }
    Path dir = configDir != null ? configDir.toAbsolutePath() : ConfigDirectory.ofThisUser();
    return DesktopApp.run(new DesktopLaunch(server, tls, trustCert, user, themeChoice, dir));
  }

  private ThemeChoice themeChoice() {
    if (theme == null) {
      return null;
    }
    try {
      return ThemeChoice.parse(theme);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--theme: " + e.getMessage());
    }
  }

  private void checkFlags() {
    if (user != null && !Names.isValidUser(user)) {
      throw new ParameterException(spec.commandLine(),
          "--user: '" + user + "' is not a user name (1-32 of A-Z a-z 0-9 _ - .)");
    }
    if (server != null) {
      try {
        ServerAddresses.parse(server, tls);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--server: " + e.getMessage());
      }
    }
  }
}
