package dev.parley.bench.gen;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes at a steady total rate for a fixed time, round-robin over the publishers, from the
 * generator's loop every millisecond. Each message is stamped with the time it was due, not the
 * time it went out, so a generator that falls behind shows up as latency rather than hiding it.
 * Bounded in count ({@code rate × duration}) and in time.
 */
public final class Pacer {
  private final List<BenchClient> publishers;
  private final double perSecond;
  private final long durationNanos;
  private final int step;
  private final CompletableFuture<Long> done = new CompletableFuture<>();
  private final long total;
  private long start;
  private long sent;
  private ScheduledFuture<?> ticks;

  private Pacer(List<BenchClient> publishers, double perSecond, long durationMillis, int step) {
    this.publishers = publishers;
    this.perSecond = perSecond;
    this.durationNanos = TimeUnit.MILLISECONDS.toNanos(durationMillis);
    this.step = step;
    this.total = (long) Math.floor(perSecond * durationMillis / 1000.0);
  }

  /**
   * Publishes for {@code durationMillis} and returns the number of messages sent; throws when
   * the generator's loop is so stuck that the time is up 30 s later and the pacer has not ended.
   */
  public static long run(
      Generator generator, List<BenchClient> publishers, double perSecond, long durationMillis, int step)
      throws InterruptedException {
    return run(generator, publishers, perSecond, durationMillis, step, 30_000);
  }

  /** The same, giving up {@code graceMillis} after the time is up. */
  public static long run(
      Generator generator, List<BenchClient> publishers, double perSecond, long durationMillis, int step,
      long graceMillis)
      throws InterruptedException {
    Pacer pacer = new Pacer(publishers, perSecond, durationMillis, step);
    generator.loop().execute(() -> pacer.start(generator));
    try {
      return pacer.done.get(durationMillis + graceMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      generator.loop().execute(pacer::stop);
      throw new BenchException(
          "the generator could not publish for " + durationMillis + " ms within " + graceMillis + " ms more");
    }
  }

  private void start(Generator generator) {
    start = System.nanoTime();
    ticks = generator.loop().scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
  }

  private void stop() {
    if (ticks != null) {
      ticks.cancel(false);
    }
  }

  /**
   * How many messages are due {@code elapsedNanos} after the start: message k is due (and
   * stamped) at k / perSecond, so messages 0 .. floor(t * perSecond) are. Counting only
   * floor(t * perSecond) of them would send each a whole period after its stamp, which at 10
   * messages a second added 100 ms to every latency measured.
   */
  static long dueBy(double perSecond, long total, long elapsedNanos) {
    return Math.min(total, (long) (perSecond * elapsedNanos / 1e9) + 1);
  }

  private void tick() {
    long elapsed = System.nanoTime() - start;
    long due = dueBy(perSecond, total, Math.min(elapsed, durationNanos));
    int n = publishers.size();
    int first = (int) (sent % n);
    long before = sent;
    for (; sent < due; sent++) {
      BenchClient publisher = publishers.get((int) (sent % n));
      if (publisher.isOpen()) {
        publisher.publish(Stamp.text(step, start + (long) (sent * 1e9 / perSecond)));
      }
    }
    long written = sent - before;
    for (int i = 0; i < Math.min(written, n); i++) {
      BenchClient publisher = publishers.get((first + i) % n);
      if (publisher.isOpen()) {
        publisher.flush();
      }
    }
    if (elapsed >= durationNanos) {
      ticks.cancel(false);
      done.complete(sent);
    }
  }
}
