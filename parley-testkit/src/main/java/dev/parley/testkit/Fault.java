package dev.parley.testkit;

import java.time.Duration;

/**
 * What a {@link FaultProxy} does to the bytes of a connection. "Up" is client to server, "down"
 * server to client. A cut is not a fault but an act: {@link ProxiedConnection#cut()}.
 */
public sealed interface Fault {

  /** Forwards everything as it comes. */
  static Fault none() {
    return new PassThrough();
  }

  /** Holds every byte back {@code delay} in each direction before forwarding it. */
  static Fault delay(Duration delay) {
    return new Delay(delay, delay);
  }

  static Fault delay(Duration up, Duration down) {
    return new Delay(up, down);
  }

  /**
   * Forwards server to client at most {@code bytesPerSecond}, reading from the server only as
   * fast as that, so the server's output backs up as behind a slow reader.
   */
  static Fault trickle(int bytesPerSecond) {
    return new Trickle(bytesPerSecond);
  }

  /**
   * Forwards nothing either way and keeps both sockets open: no FIN, no RST, as when a network
   * path dies silently. Neither end can tell until its own timers say so.
   */
  static Fault blackHole() {
    return new BlackHole();
  }

  record PassThrough() implements Fault {}

  record Delay(Duration up, Duration down) implements Fault {
    public Delay {
      if (up.isNegative() || down.isNegative()) {
        throw new IllegalArgumentException("a delay cannot be negative");
      }
    }
  }

  record Trickle(int bytesPerSecond) implements Fault {
    public Trickle {
      if (bytesPerSecond < 1) {
        throw new IllegalArgumentException("a trickle needs at least 1 byte per second");
      }
    }
  }

  record BlackHole() implements Fault {}
}
