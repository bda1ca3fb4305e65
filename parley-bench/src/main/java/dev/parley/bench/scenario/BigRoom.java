package dev.parley.bench.scenario;

import dev.parley.bench.gen.BenchClient;
import dev.parley.bench.gen.BenchException;
import dev.parley.bench.gen.Generator;
import dev.parley.bench.gen.Stamp;
import dev.parley.bench.gen.Tally;
import dev.parley.bench.gen.Target;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.OpenFiles;
import dev.parley.bench.run.Result;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One room grown through the sizes given; at each size one member broadcasts a few messages,
 * one at a time, and the p95 of the deliveries' latency is taken. The largest size whose p95
 * stays within 500 ms (with 99% delivered) held.
 */
public final class BigRoom extends Scenario {
  static final double MAX_P95_MS = 500;
  private static final long BROADCAST_WAIT_MILLIS = 5000;

  /** @param sizes room sizes in increasing order; @param broadcasts messages per size */
  public record Settings(List<Integer> sizes, int broadcasts) {}

  private final Settings s;

  public BigRoom(Settings settings) {
    this.s = settings;
  }

  @Override
  public String name() {
    return "bigroom";
  }

  @Override
  public String setup() {
    return "one room grown through " + s.sizes() + " members, " + s.broadcasts()
        + " full-room broadcasts per size, until p95 > 500 ms";
  }

  @Override
  protected Result measure(Lab lab, Target target, PrintStream progress) throws InterruptedException {
    Generator gen = lab.generator();
    Tally tally = new Tally();
    Result result = new Result(target.label());
    List<BenchClient> clients = new ArrayList<>();
    try {
      int held = 0;
      Histogram heldLatency = null;
      String stop = "largest size tried";
      int step = 0;
      for (int size : s.sizes()) {
        int offset = clients.size();
        if (!OpenFiles.allows(size)) {
          stop = String.format(Locale.ROOT, "at %,d members: the open-file limit (%,d) is too low to connect them",
              size, OpenFiles.limit());
          break;
        }
        try {
          clients.addAll(gen.connect(target, size - offset, i -> "bigroom", i -> Latencies.spreadSource(offset + i),
              lab.token(), i -> tally, 300_000));
        } catch (BenchException e) {
          stop = String.format(Locale.ROOT, "at %,d members: %s", size, e.getMessage());
          break;
        }
        long expected = 0;
        int first = step;
        for (int b = 0; b < s.broadcasts() && step < Tally.MAX_STEPS; b++, step++) {
          BenchClient sender = clients.get(0);
          int tag = step;
          gen.loop().execute(() -> {
            sender.publish(Stamp.text(tag, System.nanoTime()));
            sender.flush();
          });
          Latencies.await(tally, step, size, BROADCAST_WAIT_MILLIS);
          expected += size;
        }
        long delivered = 0;
        Histogram h = new Histogram(3);
        for (int i = first; i < step; i++) {
          delivered += tally.delivered(i);
          h.add(tally.latency(i));
        }
        double p95 = Latencies.ms(h, 95);
        boolean ok = delivered >= 0.99 * expected && p95 <= MAX_P95_MS;
        progress.printf(Locale.ROOT, "  %,d members: %.1f%% delivered, p95 %.1f ms%s%n", size,
            100.0 * delivered / Math.max(1, expected), p95, ok ? "" : "  <- did not hold");
        if (!ok) {
          stop = String.format(Locale.ROOT, "at %,d members %s", size,
              delivered < 0.99 * expected ? String.format(Locale.ROOT, "only %.1f%% arrived", 100.0 * delivered / expected)
                  : String.format(Locale.ROOT, "p95 was %.0f ms", p95));
          break;
        }
        held = size;
        heldLatency = h;
      }
      result.put("largest room", (long) held);
      if (heldLatency != null) {
        result.put("p50 ms", Latencies.ms(heldLatency, 50)).put("p95 ms", Latencies.ms(heldLatency, 95))
            .put("p99 ms", Latencies.ms(heldLatency, 99));
      }
      result.note(stop);
      result.note(tally.trouble());
      return result;
    } finally {
      Generator.closeAll(clients);
    }
  }
}
