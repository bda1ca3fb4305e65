package dev.parley.app.chaos;

import java.time.Duration;

/**
 * One planned fault, at {@code at} after the send phase starts: SIGKILL and a restart, SIGSTOP
 * for {@code frozen} and then SIGCONT, or (in a cluster) the Redis subscribers of the cluster
 * dropped.
 *
 * @param node the node of a cluster it hits, counting from 1; 0 for a single server, and for a
 *     drop of subscribers (which hits every node)
 * @param down how long a killed node of a cluster stays dead before its restart (zero for a
 *     single server, which is restarted at once)
 */
record Fault(int number, Duration at, Kind kind, Duration frozen, int node, Duration down) {

  enum Kind {
    KILL,
    STOP,
    DROP_SUBSCRIBERS
  }

  /** A fault of the single-server run. */
  Fault(int number, Duration at, Kind kind, Duration frozen) {
    this(number, at, kind, frozen, 0, Duration.ZERO);
  }

  /** The line the plan prints; the same seed and flags always print the same lines. */
  String describe() {
    String what = switch (kind) {
      case KILL -> down.isZero() ? "SIGKILL, then restart" : "SIGKILL, restart after " + Seconds.format(down);
      case STOP -> "SIGSTOP for " + Seconds.format(frozen) + ", then SIGCONT";
      case DROP_SUBSCRIBERS -> "drop the cluster's Redis subscribers";
    };
    String where = node > 0 ? "node " + node + " " : "";
    return "fault " + number + " at " + Seconds.format(at) + ": " + where + what;
  }
}
