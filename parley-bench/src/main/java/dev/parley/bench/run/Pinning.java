package dev.parley.bench.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which CPU the servers and the generator run on: servers on CPU 0 ({@code taskset -c 0}), the
 * generator (this process) on CPU 1. Needs two CPUs and {@code taskset}; otherwise nothing is
 * pinned and {@link #describe()} says so.
 */
public final class Pinning {
  public static final int SERVER_CPU = 0;
  public static final int GENERATOR_CPU = 1;

  private final boolean enabled;
  private final String why;

  private Pinning(boolean enabled, String why) {
    this.enabled = enabled;
    this.why = why;
  }

  /** Pins this process's threads to the generator's CPU when it can. */
  public static Pinning apply(boolean wanted) {
    if (!wanted) {
      return new Pinning(false, "off (--no-pin)");
    }
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return new Pinning(false, "off (fewer than 2 CPUs)");
    }
    long pid = ProcessHandle.current().pid();
    String result = run(List.of("taskset", "-a", "-p", "-c", String.valueOf(GENERATOR_CPU), String.valueOf(pid)));
    if (result != null) {
      return new Pinning(false, "off (taskset failed: " + result + ")");
    }
    return new Pinning(true, "servers on CPU " + SERVER_CPU + " (taskset -c " + SERVER_CPU + "), generator on CPU "
        + GENERATOR_CPU + " (taskset -a -p -c " + GENERATOR_CPU + " " + pid + ")");
  }

  /** The command prefix that starts a server process on the server's CPU. */
  public List<String> serverPrefix() {
    return enabled ? List.of("taskset", "-c", String.valueOf(SERVER_CPU)) : List.of();
  }

  public String describe() {
    return why;
  }

  /** The CPUs this thread may run on, as the kernel lists them ({@code 1}, {@code 0-1}). */
  public static String allowedCpus() {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/thread-self/status")).stream()
          .filter(l -> l.startsWith("Cpus_allowed_list:"))
          .map(l -> l.substring("Cpus_allowed_list:".length()).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Runs a short command; null when it succeeded, else a one-line reason. */
  static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return command.get(0) + " timed out";
      }
      return p.exitValue() == 0 ? null : (out.isEmpty() ? "exit " + p.exitValue() : out.lines().findFirst().orElse(""));
    } catch (IOException e) {
      return command.get(0) + " not found";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
