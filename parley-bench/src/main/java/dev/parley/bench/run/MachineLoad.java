package dev.parley.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine is when a run starts: the load average and the kernel's CPU pressure
 * (the share of time runnable tasks waited for a CPU). Figures taken under pressure measure
 * the queue for the CPU as much as the system under test, so every report records it.
 */
final class MachineLoad {
  private MachineLoad() {}

  static String describe() {
    String load = firstLine("/proc/loadavg");
    String pressure = firstLine("/proc/pressure/cpu");
    String text = load == null ? "load average unknown" : "load average " + String.join(" ", java.util.Arrays.copyOf(load.split(" "), 3));
    if (pressure != null) {
      text += ", CPU pressure " + pressure.replaceAll("total=\\d+", "").strip();
    }
    return text;
  }

  private static String firstLine(String file) {
    try {
      return Files.readAllLines(Path.of(file)).stream().findFirst().orElse(null);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
