package dev.parley.bench.scenario;

import dev.parley.bench.gen.Tally;
import dev.parley.bench.run.Result;
import org.HdrHistogram.Histogram;

/** Small helpers the scenarios share: percentiles in milliseconds and waiting for arrivals. */
final class Latencies {
  private Latencies() {}

  /** The percentile of a histogram of microseconds, in milliseconds; NaN when empty. */
  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Puts {@code PREFIXp50 ms}, p99 and p99.9 into the result. */
  static void put(Result r, String prefix, Histogram h) {
    r.put(prefix + "p50 ms", ms(h, 50)).put(prefix + "p99 ms", ms(h, 99)).put(prefix + "p99.9 ms", ms(h, 99.9));
  }

  /** Waits until {@code expected} deliveries of {@code step} arrived or {@code millis} passed. */
  static void await(Tally tally, int step, long expected, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (tally.delivered(step) < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  /** Sources spread over 127.0.0.1–127.0.0.8 so many connections do not run out of ports. */
  static String spreadSource(int i) {
    return "127.0.0." + (1 + i % 8);
  }
}
