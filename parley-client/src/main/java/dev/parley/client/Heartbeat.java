package dev.parley.client;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches the server's silence on the current connection: after one interval without a frame
 * it pings, after another it pings again, after a third it declares the server gone (as the
 * server does towards clients). While the application holds reading back, silence is expected
 * and not counted. Owned by the client's loop.
 */
final class Heartbeat {
  private static final int PINGS_BEFORE_GIVING_UP = 2;

  private final ScheduledExecutorService loop;
  private final Runnable ping;
  private final Runnable gone;
  private long intervalNanos;
  private long lastHeard;
  private int pings;
  private boolean suspended;
  private ScheduledFuture<?> timer;

  Heartbeat(ScheduledExecutorService loop, Runnable ping, Runnable gone) {
    this.loop = loop;
    this.ping = ping;
    this.gone = gone;
  }

  /** Starts (or restarts with a new interval) counting from now. */
  void start(Duration interval) {
    stop();
    intervalNanos = interval.toNanos();
    heard();
    schedule(intervalNanos);
  }

  /** A frame arrived. */
  void heard() {
    lastHeard = System.nanoTime();
    pings = 0;
  }

  /** Reading is held back: silence is ours, not the server's. */
  void suspend(boolean suspend) {
    suspended = suspend;
    heard();
  }

  void stop() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void schedule(long delayNanos) {
    timer = loop.schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    if (timer == null) {
      return;
    }
    long silent = System.nanoTime() - lastHeard;
    if (suspended || silent < intervalNanos) {
      schedule(suspended ? intervalNanos : intervalNanos - silent);
    } else if (pings >= PINGS_BEFORE_GIVING_UP) {
      timer = null;
      gone.run();
    } else {
      pings++;
      ping.run();
      schedule(intervalNanos);
    }
  }
}
