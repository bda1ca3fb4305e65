package dev.parley.bench.scenario;

import dev.parley.bench.gen.BenchClient;
import dev.parley.bench.gen.Generator;
import dev.parley.bench.gen.Pacer;
import dev.parley.bench.gen.Tally;
import dev.parley.bench.gen.Target;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.Result;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One room of N members, P of them publishing. The delivered rate (publish rate × N) starts at
 * {@code startRate} and doubles each step until fewer than 99% of a step's deliveries arrive
 * or its p99 exceeds 100 ms. The highest step that held is the max sustained rate; because
 * the rate doubles, the step before it is the run at half that rate.
 */
public final class Fanout extends Scenario {
  static final double MIN_DELIVERED = 0.99;

  /**
   * @param members N
   * @param publishers P
   * @param startRate delivered msgs/s of the first step
   * @param maxRate delivered msgs/s beyond which the ramp stops
   * @param stepMillis how long each step publishes
   * @param budgetMillis how long the ramp may take per target
   * @param maxP99Millis the p99 beyond which a step did not hold (the criterion: 100)
   */
  public record Settings(
      int members, int publishers, long startRate, long maxRate, long stepMillis, long budgetMillis, double maxP99Millis) {}

  private final Settings s;

  public Fanout(Settings settings) {
    this.s = settings;
  }

  @Override
  public String name() {
    return "fanout-" + s.members();
  }

  @Override
  public String setup() {
    return String.format(Locale.ROOT,
        "1 room x %d members, %d publishers; delivered rate from %,d/s doubling each %d ms step until <99%% arrive or p99 > %.0f ms",
        s.members(), s.publishers(), s.startRate(), s.stepMillis(), s.maxP99Millis());
  }

  /** Publishes at the start rate for a while, unmeasured, so that both ends are compiled. */
  private void warmUp(Generator gen, List<BenchClient> publishers, Tally tally, long millis) throws InterruptedException {
    double publishRate = (double) Math.max(s.startRate(), s.members()) / s.members();
    long sent = Pacer.run(gen, publishers, publishRate, millis, Tally.WARM_UP_STEP);
    Latencies.await(tally, Tally.WARM_UP_STEP, sent * s.members(), 1000);
  }

  @Override
  protected Result measure(Lab lab, Target target, PrintStream progress) throws InterruptedException {
    return measureOn(lab, List.of(target), target.label(), lab.token(), progress);
  }

  /**
   * Publishes at the start rate for {@code millis}, unmeasured, with the members spread over
   * {@code nodes}: every node of a cluster then starts its measurements compiled.
   */
  void warmUpOn(Lab lab, List<Target> nodes, String token, long millis) throws InterruptedException {
    Tally tally = new Tally();
    List<BenchClient> clients =
        lab.generator().connect(nodes, s.members(), i -> "fanout", i -> null, token, i -> tally, 120_000);
    try {
      warmUp(lab.generator(), clients.subList(0, Math.min(s.publishers(), clients.size())), tally, millis);
    } finally {
      Generator.closeAll(clients);
    }
  }

  /**
   * Measures the room with its members spread evenly over {@code nodes} (the nodes of one
   * cluster; one node is the plain case), the publishers too; {@code token} logs in there.
   */
  Result measureOn(Lab lab, List<Target> nodes, String label, String token, PrintStream progress)
      throws InterruptedException {
    Generator gen = lab.generator();
    Tally tally = new Tally();
    Result result = new Result(label);
    List<BenchClient> clients = gen.connect(nodes, s.members(), i -> "fanout", i -> null, token, i -> tally, 120_000);
    try {
      List<BenchClient> publishers = clients.subList(0, Math.min(s.publishers(), clients.size()));
      warmUp(gen, publishers, tally, Math.min(s.stepMillis(), 2000));
      long deadline = System.nanoTime() + s.budgetMillis() * 1_000_000L;
      Histogram held = null;
      Histogram half = null;
      double heldRate = 0;
      long rate = Math.max(s.startRate(), s.members());
      String stop = "reached --max-rate";
      long deliveredInAll = 0;
      int steps = 0;
      for (int step = 0; step < Tally.WARM_UP_STEP && rate <= s.maxRate(); step++, rate *= 2) {
        if (System.nanoTime() > deadline) {
          stop = "time budget spent";
          break;
        }
        double publishRate = (double) rate / s.members();
        long sent = Pacer.run(gen, publishers, publishRate, s.stepMillis(), step);
        long expected = sent * s.members();
        Latencies.await(tally, step, expected, 1000);
        long delivered = tally.delivered(step);
        deliveredInAll += delivered;
        steps++;
        Histogram h = tally.latency(step);
        double deliveredRate = delivered * 1000.0 / s.stepMillis();
        double p99 = Latencies.ms(h, 99);
        boolean ok = sent > 0 && delivered >= MIN_DELIVERED * expected && p99 <= s.maxP99Millis();
        progress.printf(Locale.ROOT, "  step %d: target %,d/s, delivered %,.0f/s (%.1f%%), p99 %.1f ms%s%n",
            step, rate, deliveredRate, expected == 0 ? 0 : 100.0 * delivered / expected, p99, ok ? "" : "  <- did not hold");
        if (!ok) {
          stop = delivered < MIN_DELIVERED * expected
              ? String.format(Locale.ROOT, "at %,d/s only %.1f%% arrived", rate, 100.0 * delivered / Math.max(1, expected))
              : String.format(Locale.ROOT, "at %,d/s p99 was %.0f ms", rate, p99);
          break;
        }
        half = held;
        held = h;
        heldRate = deliveredRate;
        Thread.sleep(200); // let queues settle between steps
      }
      result.put("max delivered/s", heldRate);
      if (held != null) {
        Latencies.put(result, "", held);
      }
      if (half != null) {
        Latencies.put(result, "half: ", half);
      }
      result.put("steps", (long) steps).put("delivered", deliveredInAll);
      result.note(stop);
      result.note(tally.trouble());
      return result;
    } finally {
      Generator.closeAll(clients);
    }
  }
}
