package dev.parley.bench.scenario;

import dev.parley.bench.gen.BenchClient;
import dev.parley.bench.gen.Generator;
import dev.parley.bench.gen.Tally;
import dev.parley.bench.gen.Target;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.OpenFiles;
import dev.parley.bench.run.ProcessMemory;
import dev.parley.bench.run.Result;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * C connections logged in and joined (to 100 rooms), then held: the growth of the server's
 * resident memory and of its Java heap (after a full GC), per connection, measured on a freshly
 * started server process (Mosquitto excepted: the bench does not start it). Source addresses are
 * spread over 127.0.0.1–8 so that many connections do not exhaust the ephemeral ports.
 */
public final class Idle extends Scenario {
  private static final int ROOMS = 100;

  public record Settings(int connections, long holdMillis) {}

  private final Settings s;

  public Idle(Settings settings) {
    this.s = settings;
  }

  @Override
  public String name() {
    return "idle";
  }

  @Override
  public String setup() {
    return String.format(Locale.ROOT, "%,d connections logged in and joined (%d rooms), held %d ms; memory growth per connection",
        s.connections(), ROOMS, s.holdMillis());
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  protected boolean needsFreshServer() {
    return true; // memory that earlier scenarios made the server take would hide the growth
  }

  @Override
  protected boolean freshServerWarmsUp() {
    // The warm-up's memory is a fixed cost, and a full GC hands part of it back while the
    // connections are counted: with it, growth per connection came out below zero.
    return false;
  }

  @Override
  protected Result measure(Lab lab, Target target, PrintStream progress) throws InterruptedException {
    long pid = lab.pidOf(target);
    Result result = new Result(target.label());
    if (pid < 0) {
      return result.note("the server's process is unknown (--target): memory not measured");
    }
    if (!OpenFiles.allows(s.connections())) {
      return result.note(String.format(Locale.ROOT, "the open-file limit (%,d) is too low for %,d connections",
          OpenFiles.limit(), s.connections()));
    }
    boolean java = !target.isReference();
    long heapBefore = java ? ProcessMemory.heapUsedAfterGcKb(pid) : -1;
    long rssBefore = ProcessMemory.rssKb(pid);
    Tally tally = new Tally();
    long started = System.nanoTime();
    List<BenchClient> clients = lab.generator().connect(target, s.connections(), i -> "idle-" + (i % ROOMS),
        Latencies::spreadSource, lab.token(), i -> tally, 600_000);
    try {
      double connectSeconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(s.holdMillis());
      long heapAfter = java ? ProcessMemory.heapUsedAfterGcKb(pid) : -1;
      long rssAfter = ProcessMemory.rssKb(pid);
      long open = clients.stream().filter(BenchClient::isOpen).count();
      result.put("RSS KB/conn", (rssAfter - rssBefore) / (double) s.connections())
          .put("heap KB/conn", heapAfter < 0 || heapBefore < 0 ? Double.NaN : (heapAfter - heapBefore) / (double) s.connections())
          .put("RSS MB", rssAfter / 1024.0)
          .put("connections held", open)
          .put("connect s", connectSeconds);
      result.note(tally.trouble());
      return result;
    } finally {
      Generator.closeAll(clients);
    }
  }
}
