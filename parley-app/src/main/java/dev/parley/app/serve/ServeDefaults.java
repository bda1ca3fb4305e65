package dev.parley.app.serve;

import dev.parley.app.ValueOrigins;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Values of {@code serve}'s flags that were not given on the command line: first from a {@code
 * PARLEY_*} environment variable ({@code --tcp-port} is {@code PARLEY_TCP_PORT}), then from the
 * {@code --config} file (or the one {@code PARLEY_CONFIG} names), and otherwise none, so the
 * built-in default stands. Picocli asks only for flags the command line did not match, after
 * parsing it, which gives "flags win over the environment, the environment over the file".
 * Unknown {@code PARLEY_*} variables are ignored ({@code PARLEY_JAVA_OPTS} is the launcher's).
 */
public final class ServeDefaults implements IDefaultValueProvider, ValueOrigins {
  static final String CONFIG = "--config";

  private final Map<String, String> environment;
  /** Where each value handed out came from, by long flag name; for error messages. */
  private final Map<String, String> origins = new ConcurrentHashMap<>();
  /** The file read for the {@code --config} value last seen; picocli's thread only. */
  private ConfigFile file;
  private Path filePath;

  /** Used by picocli (see {@link ServeCommand}'s annotation): the process's environment. */
  public ServeDefaults() {
    this(System.getenv());
  }

  ServeDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** {@code --max-frame} is {@code PARLEY_MAX_FRAME}. */
  static String variable(String longName) {
    return "PARLEY_" + key(longName).replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** {@code --max-frame} is {@code max-frame} in the file. */
  static String key(String longName) {
    return longName.substring(2);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String name = option.longestName();
    String variable = variable(name);
    String value = environment.get(variable);
    if (value != null) {
      origins.put(name, variable);
      return value;
    }
    if (name.equals(CONFIG)) {
      return null; // the file cannot name another file
    }
    ConfigFile config = config(option.command());
    if (config != null && (value = config.value(key(name))) != null) {
      origins.put(name, config.origin(key(name)));
      return value;
    }
    return null;
  }

  @Override
  public Optional<String> originOf(String longName) {
    return Optional.ofNullable(origins.get(longName));
  }

  /** The {@code --config} file, from the command line or {@code PARLEY_CONFIG}; null if none. */
  private ConfigFile config(CommandSpec command) {
    Path given = command.findOption(CONFIG).getValue();
    Path path = given != null ? given : Optional.ofNullable(environment.get(variable(CONFIG))).map(Path::of).orElse(null);
    if (path == null) {
      return null;
    }
    if (!path.equals(filePath)) {
      try {
        file = ConfigFile.read(path, keys(command));
      } catch (IllegalArgumentException e) {
        if (command.commandLine().isUsageHelpRequested() || command.commandLine().isVersionHelpRequested()) {
          return null; // the help still shows, with the built-in defaults
        }
        throw new ParameterException(command.commandLine(), e.getMessage(), e);
      }
      filePath = path;
    }
    return file;
  }

  /** The keys a file may hold: every flag but the help, the version and the file itself. */
  private static Set<String> keys(CommandSpec command) {
    Set<String> keys = new HashSet<>();
    for (OptionSpec option : command.options()) {
      if (!option.usageHelp() && !option.versionHelp() && !option.longestName().equals(CONFIG)) {
        keys.add(key(option.longestName()));
      }
    }
    return keys;
  }
}
