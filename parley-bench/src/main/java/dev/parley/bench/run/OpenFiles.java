package dev.parley.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The open-file limit bounds how many connections the generator (and the servers it starts,
 * which inherit it) can hold. The bench raises its own limit with {@code prlimit} when a
 * scenario needs more and the system lets it, and reports what it got.
 */
public final class OpenFiles {
  private OpenFiles() {}

  /** The current soft limit of this process, or -1 when unreadable. */
  public static long limit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Files a process needs besides its connections: jars, selectors, logs, the database. */
  static final long RESERVE = 200;

  /**
   * Whether {@code connections} fit under the limit, with {@link #RESERVE} to spare. The
   * generator holds one end of each and a server it started (which inherits the limit) the
   * other; connecting beyond it only fails after every pending connect has timed out.
   */
  public static boolean allows(long connections) {
    return allows(connections, limit());
  }

  /** As {@link #allows(long)} under {@code limit} (negative: unknown, so allowed). */
  static boolean allows(long connections, long limit) {
    return limit < 0 || connections <= limit - RESERVE;
  }

  /** Tries to raise the limit to {@code wanted}; returns the limit afterwards. */
  public static long raiseTo(long wanted) {
    if (limit() >= wanted) {
      return limit();
    }
    String pid = String.valueOf(ProcessHandle.current().pid());
    Pinning.run(List.of("prlimit", "--pid", pid, "--nofile=" + wanted + ":" + wanted));
    return limit();
  }
}
