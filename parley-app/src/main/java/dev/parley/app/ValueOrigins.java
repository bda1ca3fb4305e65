package dev.parley.app;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Implemented by a default value provider that takes values from outside the command line (the
 * environment, a file): it says where an option's value came from, so that an error about it
 * names the variable or the file and key the operator must fix, not only the flag.
 */
public interface ValueOrigins {

  /** Where the provider found the value of {@code longName} ({@code --tcp-port}), if it gave one. */
  Optional<String> originOf(String longName);

  /**
   * {@code problem} with the origin of the flag it starts with appended, when that flag's value
   * came from {@code cmd}'s default value provider: {@code --rate must be at least 1 (from
   * PARLEY_RATE)}.
   */
  static String annotate(CommandLine cmd, String problem) {
    if (problem == null || !(cmd.getCommandSpec().defaultValueProvider() instanceof ValueOrigins origins)) {
      return problem;
    }
    Matcher flag = LEADING_FLAG.matcher(problem);
    if (!flag.lookingAt()) {
      return problem;
    }
    return origins.originOf(flag.group(1)).map(origin -> problem + " (from " + origin + ")").orElse(problem);
  }

  /** The flag a message starts with; ServerConfig's and picocli's messages name it first. */
  Pattern LEADING_FLAG = Pattern.compile("(--[a-z0-9][a-z0-9-]*)");
}
