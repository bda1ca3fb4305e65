package dev.parley.bench.gen;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts deliveries and records their latency per step, in microseconds, and counts what went
 * wrong by kind. Written from the generator's event loop, read by the scenario's thread.
 */
public final class Tally implements Events {
  public static final int MAX_STEPS = 64;
  /** The step warm-ups are counted under, apart from every measured step. */
  public static final int WARM_UP_STEP = MAX_STEPS - 1;

  private final AtomicLongArray delivered = new AtomicLongArray(MAX_STEPS);
  private final Recorder[] latency = new Recorder[MAX_STEPS];
  private final Recorder ackLatency = new Recorder(3);
  private final LongAdder acks = new LongAdder();
  private final ConcurrentMap<String, AtomicLong> trouble = new ConcurrentHashMap<>();

  public Tally() {
    for (int i = 0; i < MAX_STEPS; i++) {
      latency[i] = new Recorder(3);
    }
  }

  @Override
  public void delivered(int step, long sentNanos) {
    if (step < 0 || step >= MAX_STEPS) {
      return;
    }
    delivered.incrementAndGet(step);
    latency[step].recordValue(micros(sentNanos));
  }

  @Override
  public void acked(long sentNanos) {
    acks.increment();
    ackLatency.recordValue(micros(sentNanos));
  }

  @Override
  public void trouble(String what) {
    trouble.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }

  public long delivered(int step) {
    return delivered.get(step);
  }

  public long acks() {
    return acks.sum();
  }

  /** The step's latencies recorded since the last call for that step. */
  public Histogram latency(int step) {
    return latency[step].getIntervalHistogram();
  }

  public Histogram ackLatency() {
    return ackLatency.getIntervalHistogram();
  }

  /** Problems seen, e.g. {@code {error rate_limited=3, bye slow_consumer=1}}. */
  public String trouble() {
    return trouble.isEmpty() ? "" : new java.util.TreeMap<>(trouble).toString();
  }

  private static long micros(long sentNanos) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentNanos));
  }
}
