package dev.parley.bench.scenario;

import dev.parley.bench.gen.BenchClient;
import dev.parley.bench.gen.Events;
import dev.parley.bench.gen.Generator;
import dev.parley.bench.gen.Tally;
import dev.parley.bench.gen.Target;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.Result;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Many clients, each in its own room, each sending its next message as soon as the previous
 * one is acknowledged (Parley: the durable {@code ack}; the floor and Mosquitto have no
 * acknowledgement, so the message's own echo stands in for it). Reports acknowledged sends/s
 * and the time from send to acknowledgement.
 */
public final class Sends extends Scenario {

  /** The first {@code warmUpMillis} are sent but not counted: a server pinned to one CPU spends them compiling. */
  public record Settings(int clients, int window, long warmUpMillis, long durationMillis) {}

  private final Settings s;

  public Sends(Settings settings) {
    this.s = settings;
  }

  @Override
  public String name() {
    return "sends";
  }

  @Override
  public String setup() {
    return String.format(Locale.ROOT, "%d clients, each in its own room with %d send(s) in flight, for %d ms after %d ms of warm-up",
        s.clients(), s.window(), s.durationMillis(), s.warmUpMillis());
  }

  @Override
  protected Result measure(Lab lab, Target target, PrintStream progress) throws InterruptedException {
    return measureOn(lab, List.of(target), target.label(), lab.token(), progress);
  }

  /** Measures with the clients spread evenly over {@code nodes}; {@code token} logs in there. */
  Result measureOn(Lab lab, List<Target> nodes, String label, String token, PrintStream progress)
      throws InterruptedException {
    Generator gen = lab.generator();
    Tally tally = new Tally();
    List<Loop> loops = new ArrayList<>();
    List<BenchClient> clients = gen.connect(nodes, s.clients(), i -> "sends-" + i, i -> null, token, i -> {
      Loop loop = new Loop(tally);
      loops.add(loop);
      return loop;
    }, 120_000);
    try {
      for (int i = 0; i < clients.size(); i++) {
        loops.get(i).client = clients.get(i);
      }
      gen.loop().execute(() -> loops.forEach(l -> {
        for (int w = 0; w < s.window(); w++) {
          l.client.publishForAck(0, System.nanoTime());
        }
        l.client.flush();
      }));
      Thread.sleep(s.warmUpMillis());
      // Counting starts on the event loop that records the acks, so no ack is half in the warm-up.
      Mark start = gen.loop().submit(() -> {
        Mark mark = Mark.now(tally);
        tally.ackLatency(); // discards the warm-up's latencies
        return mark;
      }).syncUninterruptibly().getNow();
      Thread.sleep(s.durationMillis());
      Mark end = gen.loop().submit(() -> {
        loops.forEach(l -> l.running = false);
        return Mark.now(tally);
      }).syncUninterruptibly().getNow();
      long acks = end.acks() - start.acks();
      double seconds = (end.nanos() - start.nanos()) / 1e9;
      Histogram h = tally.ackLatency();
      Result result = new Result(label).put("acked sends/s", acks / seconds);
      Latencies.put(result, "ack ", h);
      result.note(clients.get(0).acknowledges() ? "durable acks" : "no acks: own echo counted");
      result.note(tally.trouble());
      return result;
    } finally {
      Thread.sleep(200); // let the last acks in before closing
      Generator.closeAll(clients);
    }
  }

  /** The acks counted by a moment, read on the event loop that counts them. */
  private record Mark(long acks, long nanos) {
    static Mark now(Tally tally) {
      return new Mark(tally.acks(), System.nanoTime());
    }
  }

  /** One client's send loop, on the generator's event loop: an ack sends the next message. */
  private static final class Loop implements Events {
    private final Tally tally;
    BenchClient client;
    boolean running = true;

    Loop(Tally tally) {
      this.tally = tally;
    }

    @Override
    public void delivered(int step, long sentNanos) {
      if (!client.acknowledges()) {
        acked(sentNanos);
      }
    }

    @Override
    public void acked(long sentNanos) {
      if (!running) {
        return;
      }
      tally.acked(sentNanos);
      client.publishForAck(0, System.nanoTime());
      client.flush();
    }

    @Override
    public void trouble(String what) {
      tally.trouble(what);
    }
  }
}
