package dev.parley.app.chaos;

import java.time.Duration;

/**
 * One planned fault: at {@code at} after the send phase starts, either SIGKILL and a restart, or
 * SIGSTOP for {@code frozen} and then SIGCONT.
 */
record Fault(int number, Duration at, Kind kind, Duration frozen) {

  enum Kind {
    KILL,
    STOP
  }

  /** The line the plan prints; the same seed and flags always print the same lines. */
  String describe() {
    String what =
        kind == Kind.KILL
            ? "SIGKILL, then restart"
            : "SIGSTOP for " + Seconds.format(frozen) + ", then SIGCONT";
    return "fault " + number + " at " + Seconds.format(at) + ": " + what;
  }
}
