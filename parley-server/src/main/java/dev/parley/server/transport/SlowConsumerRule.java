package dev.parley.server.transport;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When a connection is a slow consumer, the same on every transport: its unsent output stays
 * over the limit ({@code --max-pending}) for {@value #GRACE_MS} ms, or goes over {@value
 * #HARD_FACTOR} times the limit at any moment. A burst of fan-out can put a reader that keeps up
 * over the limit for an instant; that is not slowness.
 *
 * <p>"Over" has the hysteresis of Netty's writability: output goes over when it passes the limit
 * and is back under once it has drained below {@link #lowWatermark} (half the limit). Each
 * transport measures its own output and says when it went over and came back ({@link
 * #wentOver}, {@link #cameUnder}); this class keeps the time. One per connection, made when its
 * output first goes over; its methods run on the connection's thread.
 */
public final class SlowConsumerRule {
  /** How long unsent output may stay over the limit. */
  public static final long GRACE_MS = 2000;

  /** The multiple of the limit that makes a connection a slow consumer at once. */
  public static final int HARD_FACTOR = 4;

  private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(GRACE_MS);

  /** Runs a task on the connection's thread after a delay in nanoseconds. */
  @FunctionalInterface
  interface Timer {
    void schedule(Runnable task, long delayNanos);
  }

  private final Timer timer;
  private final LongSupplier clock;
  private final Runnable slowConsumer;
  /** Whether the output is over the limit now. Connection thread only. */
  private boolean over;
  /** When it last went over. Connection thread only. */
  private long overSinceNanos;
  /** Whether a check is scheduled. Connection thread only. */
  private boolean checkScheduled;

  /**
   * @param thread the connection's thread, where checks run
   * @param slowConsumer what to do with a slow consumer (say {@code bye slow_consumer})
   */
  public SlowConsumerRule(ScheduledExecutorService thread, Runnable slowConsumer) {
    this((task, delay) -> thread.schedule(task, delay, TimeUnit.NANOSECONDS), System::nanoTime, slowConsumer);
  }

  SlowConsumerRule(Timer timer, LongSupplier clock, Runnable slowConsumer) {
    this.timer = timer;
    this.clock = clock;
    this.slowConsumer = slowConsumer;
  }

  /** Unsent output beyond which a connection is a slow consumer at once. */
  public static long hardLimit(long limitBytes) {
    return HARD_FACTOR * limitBytes;
  }

  /** Unsent output below which a connection that went over the limit is back under it. */
  public static long lowWatermark(long limitBytes) {
    return limitBytes / 2;
  }

  /** Whether {@code unsentBytes} is a slow consumer at once, whatever the time. */
  public static boolean isOverHardLimit(long unsentBytes, long limitBytes) {
    return unsentBytes > hardLimit(limitBytes);
  }

  /** The output went over the limit: unless it comes back under within the grace, it is slow. */
  public void wentOver() {
    if (over) {
      return;
    }
    over = true;
    overSinceNanos = clock.getAsLong();
    if (!checkScheduled) {
      schedule(GRACE_NANOS);
    }
  }

  /** The output drained below the low watermark. */
  public void cameUnder() {
    over = false;
  }

  private void schedule(long delayNanos) {
    try {
      timer.schedule(this::check, delayNanos);
      checkScheduled = true;
    } catch (RejectedExecutionException stopping) {
      // the server is stopping: the connection is closing anyway
    }
  }

  /** Over for the whole grace is slow; over again since a shorter while gets the rest of it. */
  private void check() {
    checkScheduled = false;
    if (!over) {
      return;
    }
    long left = overSinceNanos + GRACE_NANOS - clock.getAsLong();
    if (left <= 0) {
      slowConsumer.run();
    } else {
      schedule(left);
    }
  }
}
