package dev.parley.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory of another process: resident set from /proc, Java heap through {@code jcmd}. */
public final class ProcessMemory {
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private ProcessMemory() {}

  public static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Whether {@link #heapUsedAfterGcKb} can work here: the JDK's {@code jcmd} is installed. */
  public static boolean canForceGc() {
    return Files.isExecutable(jcmd());
  }

  private static Path jcmd() {
    return Path.of(System.getProperty("java.home"), "bin", "jcmd");
  }

  /** Runs a full GC in the process, then reads the used heap; -1 without {@code jcmd}. */
  public static long heapUsedAfterGcKb(long pid) {
    String jcmd = jcmd().toString();
    try {
      // Both commands in one jcmd run: each run is a JVM start of its own.
      Path commands = Files.createTempFile("parley-bench-jcmd-", ".txt");
      Files.writeString(commands, "GC.run\nGC.heap_info\n");
      Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "-f", commands.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      boolean done = p.waitFor(30, TimeUnit.SECONDS);
      Files.deleteIfExists(commands);
      if (!done || p.exitValue() != 0) {
        p.destroyForcibly();
        return -1;
      }
      // One line per generation (Serial and Parallel GC have two, G1 one): add them up.
      Matcher m = HEAP_USED.matcher(out);
      long used = -1;
      while (m.find()) {
        used = Math.max(used, 0) + Long.parseLong(m.group(1));
      }
      return used;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The PID of a running Mosquitto broker, or -1. */
  public static long mosquittoPid() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/mosquitto")).orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElse(-1);
  }
}
