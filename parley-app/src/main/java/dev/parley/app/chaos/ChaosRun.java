package dev.parley.app.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One chaos run, start to end: start the server, assemble the fleet, send for the duration while
 * the planned faults (and soak samples) happen on this thread, let everything settle, audit the
 * store, and judge. A temporary data directory is removed after a run that passed and kept after
 * one that failed.
 */
final class ChaosRun {
  private static final Duration POLL = Duration.ofMillis(500);

  private final ChaosSettings settings;
  private final PrintWriter out;
  private final List<Fault> plan;
  private final Ledger ledger = new Ledger();
  private final List<String> faultsDone = new ArrayList<>();
  private final List<ServerSample> samples = new ArrayList<>();
  private final ServerSampler sampler = new ServerSampler();
  private long sendStart; // System.nanoTime() when the send phase began

  ChaosRun(ChaosSettings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
    this.plan = FaultSchedule.plan(settings.seed(), settings.faults(), settings.duration(), settings.heartbeat());
  }

  /** The header and the planned faults: all that {@code --dry-run} prints. */
  void printPlan() {
    out.println(settings.describe());
    plan.forEach(fault -> out.println(fault.describe()));
    out.flush();
  }

  Verdict run() throws Exception {
    printPlan();
    boolean temporary = settings.dataDir() == null;
    Path dataDir = temporary ? Files.createTempDirectory("parley-chaos-") : Files.createDirectories(settings.dataDir());
    out.println("data directory " + dataDir + " (server log: " + dataDir.resolve("server.log") + ")");
    Verdict verdict;
    try (ServerSupervisor server = ServerSupervisor.start(dataDir, settings.heartbeat());
        Fleet fleet = new Fleet(settings, ledger)) {
      out.printf("server pid %d on tcp=127.0.0.1:%d http=127.0.0.1:%d; %d clients connecting%n",
          server.pid(), server.tcpPort(), server.httpPort(), settings.clients());
      out.flush();
      fleet.assemble(server.tcpPort(), server.httpPort());
      sendStart = System.nanoTime();
      fleet.startSending();
      out.println("sending");
      out.flush();
      runSendPhase(server);
      fleet.stopSending();
      out.printf("send phase over at %s: %d sends started; settling%n", elapsed(), ledger.startedCount());
      out.flush();
      settle();
      if (sampling()) {
        sample(server);
      }
      StoreAudit.Result store = StoreAudit.run(server.tcpPort(), settings.runTag(), fleet.rooms(), ledger);
      verdict = judge(fleet, store);
    }
    Report.print(settings, verdict, out);
    if (settings.json() != null) {
      Report.writeJson(settings.json(), settings, verdict);
    }
    if (temporary && verdict.passed()) {
      deleteTree(dataDir);
    } else if (!verdict.passed()) {
      out.println("kept " + dataDir + " for inspection");
    }
    return verdict;
  }

  /** Faults and samples in time order, on this thread, until the send phase is over. */
  private void runSendPhase(ServerSupervisor server) throws Exception {
    Duration nextSample = sampling() ? Duration.ZERO : null;
    int nextFault = 0;
    while (true) {
      Duration faultAt = nextFault < plan.size() ? plan.get(nextFault).at() : null;
      Duration next = Stream.of(faultAt, nextSample, settings.duration())
          .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElseThrow();
      sleepUntil(next);
      if (next.equals(faultAt)) {
        inflict(plan.get(nextFault++), server);
      } else if (next.equals(nextSample)) {
        sample(server);
        nextSample = nextSample.plus(settings.sampleEvery());
      } else {
        return;
      }
    }
  }

  private void inflict(Fault fault, ServerSupervisor server) throws InterruptedException {
    String began = elapsed();
    long acked = ledger.ackedCount();
    if (fault.kind() == Fault.Kind.KILL) {
      server.killAndRestart();
      faultsDone.add(began + ": SIGKILL; restarted, listening at " + elapsed() + " (acked before: " + acked + ")");
    } else {
      server.freeze(fault.frozen());
      faultsDone.add(began + ": SIGSTOP for " + Seconds.format(fault.frozen()) + ", then SIGCONT (acked before: "
          + acked + ")");
    }
    out.println("  " + faultsDone.get(faultsDone.size() - 1));
    out.flush();
  }

  private void sample(ServerSupervisor server) {
    double at = (System.nanoTime() - sendStart) / 1e9;
    try {
      ServerSample s = sampler.sample(at, server.pid(), server.httpPort());
      samples.add(s);
      out.printf("  sample at %.0f s: heap %.1f MiB, %d open files, %d threads%n",
          s.at(), s.heapAfterGcBytes() / 1048576.0, s.openFiles(), s.threads());
    } catch (IOException e) {
      out.printf("  sample at %.0f s failed: %s%n", at, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }

  /** Waits (bounded) until every send has an answer and every member has every ack of its rooms. */
  private void settle() throws InterruptedException {
    long deadline = System.nanoTime() + settings.settle().toNanos();
    while (System.nanoTime() < deadline) {
      boolean answered = ledger.startedCount() == ledger.ackedCount() + ledger.failedCount();
      if (answered && ledger.lost() == 0) {
        return;
      }
      Thread.sleep(POLL.toMillis()); // polling a ledger the callback threads fill in
    }
    out.println("still unsettled after " + Seconds.format(settings.settle()));
  }

  private Verdict judge(Fleet fleet, StoreAudit.Result store) {
    long delivered = 0;
    long duplicated = ledger.idReused();
    long outOfOrder = 0;
    long gaps = 0;
    for (Map<String, MemberRecord> rooms : ledger.members().values()) {
      for (MemberRecord record : rooms.values()) {
        delivered += record.delivered();
        duplicated += record.duplicated();
        outOfOrder += record.outOfOrder();
        gaps += record.gaps();
      }
    }
    long expected = 0;
    int minMembers = Integer.MAX_VALUE;
    int maxMembers = 0;
    for (String room : fleet.rooms()) {
      int members = fleet.membersOf(room);
      expected += (long) ledger.ackedIn(room).size() * members;
      minMembers = Math.min(minMembers, members);
      maxMembers = Math.max(maxMembers, members);
    }
    long acked = ledger.ackedCount();
    long failed = ledger.failedCount();
    if (failed > 0) {
      out.println("some failed sends: " + ledger.someFailures());
    }
    return new Verdict(settings.clients(), settings.rooms(), minMembers, maxMembers, List.copyOf(faultsDone),
        ledger.startedCount(), acked, failed, ledger.startedCount() - acked - failed, delivered, expected,
        ledger.lost(), duplicated, outOfOrder, gaps, store, List.copyOf(samples), sampler.forcesGc(),
        (System.nanoTime() - sendStart) / 1e9);
  }

  private boolean sampling() {
    return !settings.sampleEvery().isZero();
  }

  private String elapsed() {
    return Seconds.sinceNanos(sendStart, System.nanoTime());
  }

  private void sleepUntil(Duration sinceStart) throws InterruptedException {
    long wait = sendStart + sinceStart.toNanos() - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the schedule's own clock
    }
  }

  /** Best effort: the verdict is printed already, and a temporary directory left behind is harmless. */
  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // nothing more to do
    }
  }
}
