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
 * Many small rooms, every member sending at the same steady low rate: delivered/s and latency,
 * measured on a freshly started server process (Mosquitto excepted) from its first message, as
 * after a restart under load, when every client reconnects at once. An unmeasured warm-up of
 * the same load is only run when asked for ({@code --rooms-warm-up-ms}).
 */
public final class Rooms extends Scenario {

  /** @param perMemberRate messages per second each member sends */
  public record Settings(int rooms, int members, double perMemberRate, long warmUpMillis, long durationMillis) {}

  private final Settings s;

  public Rooms(Settings settings) {
    this.s = settings;
  }

  @Override
  public String name() {
    return "rooms";
  }

  @Override
  public String setup() {
    return String.format(Locale.ROOT, "%d rooms x %d members, each member sending %.1f msg/s for %d ms on a fresh server, %s",
        s.rooms(), s.members(), s.perMemberRate(), s.durationMillis(),
        s.warmUpMillis() == 0 ? "no warm-up" : "after " + s.warmUpMillis() + " ms of unmeasured warm-up");
  }

  @Override
  protected boolean needsFreshServer() {
    return true; // what a restart under load meets: a server that has compiled nothing yet
  }

  @Override
  protected Result measure(Lab lab, Target target, PrintStream progress) throws InterruptedException {
    Generator gen = lab.generator();
    Tally tally = new Tally();
    int count = s.rooms() * s.members();
    // Client i is in room i % rooms, so the pacer's round-robin gives every member the same rate.
    List<BenchClient> clients =
        gen.connect(target, count, i -> "room-" + (i % s.rooms()), Latencies::spreadSource, lab.token(), i -> tally, 300_000);
    try {
      if (s.warmUpMillis() > 0) {
        // Only when asked: the steady state of a warm server, which a restart does not give.
        long warm = Pacer.run(gen, clients, s.perMemberRate() * count, s.warmUpMillis(), Tally.WARM_UP_STEP);
        Latencies.await(tally, Tally.WARM_UP_STEP, warm * s.members(), 2000);
      }
      long sent = Pacer.run(gen, clients, s.perMemberRate() * count, s.durationMillis(), 0);
      long expected = sent * s.members();
      Latencies.await(tally, 0, expected, 2000);
      long delivered = tally.delivered(0);
      Histogram h = tally.latency(0);
      Result result = new Result(target.label())
          .put("delivered/s", delivered * 1000.0 / s.durationMillis())
          .put("delivered %", 100.0 * delivered / Math.max(1, expected));
      Latencies.put(result, "", h);
      result.note(tally.trouble());
      return result;
    } finally {
      Generator.closeAll(clients);
    }
  }
}
