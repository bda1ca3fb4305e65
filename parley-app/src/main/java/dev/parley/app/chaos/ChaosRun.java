package dev.parley.app.chaos;

import dev.parley.app.TempTrees;
import java.io.IOException;
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
 * One chaos run, start to end: start the server (or, with several nodes, create the cluster's
 * database and start its nodes), assemble the fleet, send for the duration while the planned
 * faults (and soak samples) happen on this thread, let everything settle, audit the store, and
 * judge. A temporary data directory, and the cluster's database, are removed after a run that
 * passed and kept after one that failed.
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
  private long kills; // the fields below: only the main thread
  private long subscriberDrops;
  private long subscribersDropped;

  ChaosRun(ChaosSettings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
    this.plan = FaultSchedule.plan(settings.seed(), settings.faults(), settings.duration(), settings.heartbeat(),
        settings.nodes());
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
    out.println("data directory " + dataDir + " (server log" + (settings.cluster()
        ? "s: " + dataDir.resolve("node-K.log") : ": " + dataDir.resolve("server.log")) + ")");
    ChaosDatabase database = settings.cluster() ? ChaosDatabase.create(settings.postgresAdmin(), settings.runTag()) : null;
    Verdict verdict = null;
    try {
      if (database != null) {
        out.println("database " + database.safeUrl() + ", Redis " + settings.redis());
      }
      out.flush();
      verdict = runOn(dataDir, database);
    } finally {
      if (database != null && verdict != null && verdict.passed() && !settings.keepDatabase()) {
        database.drop();
      } else if (database != null) {
        out.println("kept the database " + database.safeUrl() + " for inspection");
        out.flush();
      }
    }
    Report.print(settings, verdict, out);
    if (settings.json() != null) {
      Report.writeJson(settings.json(), settings, verdict);
    }
    if (temporary && verdict.passed()) {
      TempTrees.delete(dataDir); // the verdict is printed already
    } else if (!verdict.passed()) {
      out.println("kept " + dataDir + " for inspection");
    }
    return verdict;
  }

  private Verdict runOn(Path dataDir, ChaosDatabase database) throws Exception {
    try (Nodes nodes = database == null
            ? Nodes.single(dataDir, settings.heartbeat())
            : Nodes.cluster(settings.nodes(), dataDir, settings.heartbeat(), database.url(), settings.redis());
        RedisSubscribers redis = database == null ? null : RedisSubscribers.connect(settings.redis());
        Fleet fleet = new Fleet(settings, ledger)) {
      String clusterId = database == null ? null : database.clusterId();
      for (int k = 1; k <= nodes.size(); k++) {
        ServerSupervisor node = nodes.node(k);
        out.printf("%s pid %d on tcp=127.0.0.1:%d http=127.0.0.1:%d%s%n", database == null ? "server" : "node " + k,
            node.pid(), node.tcpPort(), node.httpPort(), node.node() == null ? "" : " node=" + node.node());
      }
      out.printf("%d clients connecting%n", settings.clients());
      out.flush();
      fleet.assemble(nodes.ports());
      sendStart = System.nanoTime();
      fleet.startSending();
      out.println("sending");
      out.flush();
      runSendPhase(nodes, redis, clusterId);
      fleet.stopSending();
      out.printf("send phase over at %s: %d sends started; settling%n", elapsed(), ledger.startedCount());
      out.flush();
      settle();
      if (sampling()) {
        sample(nodes.node(1));
      }
      StoreAudit.Result store = database != null
          ? StoreAudit.run(database, fleet.rooms(), ledger)
          : StoreAudit.run(nodes.node(1).tcpPort(), settings.runTag(), fleet.rooms(), ledger);
      return judge(fleet, store);
    }
  }

  /** Faults and samples in time order, on this thread, until the send phase is over. */
  private void runSendPhase(Nodes nodes, RedisSubscribers redis, String clusterId) throws Exception {
    Duration nextSample = sampling() ? Duration.ZERO : null;
    int nextFault = 0;
    while (true) {
      Duration faultAt = nextFault < plan.size() ? plan.get(nextFault).at() : null;
      Duration next = Stream.of(faultAt, nextSample, settings.duration())
          .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElseThrow();
      sleepUntil(next);
      if (next.equals(faultAt)) {
        inflict(plan.get(nextFault++), nodes, redis, clusterId);
      } else if (next.equals(nextSample)) {
        sample(nodes.node(1));
        nextSample = nextSample.plus(settings.sampleEvery());
      } else {
        return;
      }
    }
  }

  /** One fault, to its end: a killed node is listening again, a frozen one running, before the next. */
  private void inflict(Fault fault, Nodes nodes, RedisSubscribers redis, String clusterId) throws InterruptedException {
    String began = elapsed();
    long acked = ledger.ackedCount();
    ServerSupervisor server = nodes.node(Math.max(1, fault.node()));
    String who = fault.node() > 0 ? "node " + fault.node() + " (" + server.node() + ") " : "";
    String done = switch (fault.kind()) {
      case KILL -> {
        kills++;
        if (fault.down().isZero()) {
          server.killAndRestart();
          yield "SIGKILL; restarted, listening at " + elapsed();
        }
        server.kill();
        Thread.sleep(fault.down().toMillis()); // the fault itself: the node stays dead this long
        String restarting = elapsed();
        server.restart();
        yield "SIGKILL; restarted at " + restarting + " as " + server.node() + ", listening at " + elapsed();
      }
      case STOP -> {
        server.freeze(fault.frozen());
        yield "SIGSTOP for " + Seconds.format(fault.frozen()) + ", then SIGCONT";
      }
      case DROP_SUBSCRIBERS -> {
        int killed = redis.drop(clusterId);
        subscriberDrops++;
        subscribersDropped += killed;
        yield "dropped " + killed + " Redis subscribers (CLIENT KILL)";
      }
    };
    faultsDone.add(began + ": " + who + done + " (acked before: " + acked + ")");
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
        (System.nanoTime() - sendStart) / 1e9, settings.nodes(), kills, subscriberDrops, subscribersDropped,
        ledger.reconnects(), ledger.maxCatchUpSeconds(),
        ledger.slowestAckSeconds());
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
}
