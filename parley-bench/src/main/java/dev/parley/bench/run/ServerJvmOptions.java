package dev.parley.bench.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the {@code parley} launcher gives the server, so that the bench measures the
 * server as it is run. The floor gets them too: the comparison is between the two programs,
 * not between two JVM settings. Options from {@code --server-jvm-opts} come after and win.
 */
public final class ServerJvmOptions {
  /** As in the launcher's {@code default_java_opts}; {@code ServerJvmOptionsTest} checks both agree. */
  public static final List<String> LAUNCHER_DEFAULTS = List.of(
      "-XX:MaxNewSize=16m", "-XX:G1PeriodicGCInterval=30000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

  private ServerJvmOptions() {}

  static List<String> with(List<String> extra) {
    List<String> all = new ArrayList<>(LAUNCHER_DEFAULTS);
    all.addAll(extra);
    return all;
  }
}
