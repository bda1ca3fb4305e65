package dev.parley.bench;

import dev.parley.bench.gen.BenchException;
import dev.parley.bench.gen.Target.Transport;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.OpenFiles;
import dev.parley.bench.run.ClusterNodes;
import dev.parley.bench.run.Report;
import dev.parley.bench.scenario.BigRoom;
import dev.parley.bench.scenario.ClusterFanout;
import dev.parley.bench.scenario.ClusterSends;
import dev.parley.bench.scenario.Fanout;
import dev.parley.bench.scenario.Idle;
import dev.parley.bench.scenario.Measurement;
import dev.parley.bench.scenario.Rooms;
import dev.parley.bench.scenario.Sends;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parley bench}: measures Parley, the floor server, Mosquitto and InspIRCd in the same run
 * and prints a table per scenario, with Parley's ratio to the others; writes the same as JSON.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure Parley against a minimal fan-out server (the floor), Mosquitto and InspIRCd, in the same run.",
      "Scenarios: idle, fanout, bigroom, rooms, sends, or all (in that order); cluster (not in all:"
          + " it needs PostgreSQL and Redis). Loopback only.",
      "Microbenchmarks: parley bench jmh [JMH options]."
    },
    subcommands = JmhCommand.class,
    sortOptions = false,
    showDefaultValues = true)
public final class BenchCommand implements Callable<Integer> {
  // idle first: Mosquitto cannot be restarted, and memory freed by earlier scenarios would hide its growth.
  private static final List<String> SCENARIOS = List.of("idle", "fanout", "bigroom", "rooms", "sends");
  // Not in "all": it needs PostgreSQL and Redis, and starts more JVMs than the machine has cores.
  private static final String CLUSTER = "cluster";

  @Spec CommandSpec spec;

  // Optional to picocli so that "bench jmh" needs no scenario; call() insists on one.
  @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "idle, fanout, bigroom, rooms, sends, all or cluster.")
  List<String> scenarios = new ArrayList<>();

  @Option(names = "--transport", split = ",", paramLabel = "tcp|ws", description = "Transports for Parley and the floor.")
  List<String> transports = List.of("tcp", "ws");

  @Option(names = "--members", split = ",", paramLabel = "N", description = "fanout: room sizes, one run each.")
  List<Integer> members = List.of(100, 1000, 10000);

  @Option(names = "--publishers", paramLabel = "P", description = "fanout: members that publish.")
  int publishers = 10;

  @Option(names = "--start-rate", paramLabel = "MSGS", description = "fanout: delivered msgs/s of the first step.")
  long startRate = 10_000;

  @Option(names = "--max-rate", paramLabel = "MSGS", description = "fanout: delivered msgs/s where the ramp stops.")
  long maxRate = 50_000_000;

  @Option(names = "--step-ms", paramLabel = "MS", description = "fanout: how long each step publishes.")
  long stepMillis = 2000;

  @Option(names = "--budget-s", paramLabel = "S", description = "fanout: most seconds one target's ramp may take.")
  long budgetSeconds = 60;

  @Option(names = "--max-p99-ms", paramLabel = "MS", description = "fanout: p99 beyond which a step did not hold.")
  double maxP99Millis = 100;

  @Option(names = "--sizes", split = ",", paramLabel = "N", description = "bigroom: room sizes to grow through.")
  List<Integer> sizes = List.of(1000, 2000, 5000, 10_000, 20_000, 50_000);

  @Option(names = "--broadcasts", paramLabel = "N", description = "bigroom: broadcasts per size.")
  int broadcasts = 3;

  @Option(names = "--rooms", paramLabel = "N", description = "rooms: number of rooms.")
  int rooms = 500;

  @Option(names = "--room-members", paramLabel = "N", description = "rooms: members per room.")
  int roomMembers = 10;

  @Option(names = "--member-rate", paramLabel = "MSGS", description = "rooms: msgs/s each member sends.")
  double memberRate = 1;

  @Option(names = "--duration-ms", paramLabel = "MS", description = "rooms: how long to send; sends: the same, at most 5000.")
  long durationMillis = 10_000;

  @Option(names = "--rooms-warm-up-ms", paramLabel = "MS",
      description = "rooms: unmeasured load before measuring; 0 measures from the fresh server's first message.")
  long roomsWarmUpMillis = 0;

  @Option(names = "--connections", paramLabel = "C", description = "idle: connections to hold.")
  int connections = 10_000;

  @Option(names = "--hold-ms", paramLabel = "MS", description = "idle: how long to hold them before measuring.")
  long holdMillis = 3000;

  @Option(names = "--clients", paramLabel = "N", description = "sends: sending clients.")
  int clients = 500;

  @Option(names = "--window", paramLabel = "N", description = "sends: unacknowledged sends per client.")
  int window = 1;

  @Option(names = "--nodes", paramLabel = "N", description = "cluster: nodes to start; fan-out is measured over 1 to N of them.")
  int nodes = 3;

  @Option(names = "--cluster-members", paramLabel = "N", description = "cluster: members of the fan-out room.")
  int clusterMembers = 1000;

  @Option(names = "--cluster-postgres", paramLabel = "URL",
      description = "cluster: a database on the PostgreSQL server to use; the bench creates a database of its own there and drops it at the end.")
  String clusterPostgres = "postgresql://postgres@127.0.0.1:5432/postgres";

  @Option(names = "--cluster-redis", paramLabel = "URL", description = "cluster: the Redis the nodes share.")
  String clusterRedis = "redis://127.0.0.1:6379";

  @Option(names = "--target", paramLabel = "HOST:PORT", description = "A running Parley's TCP listener (loopback) instead of starting one.")
  String target;

  @Option(names = "--target-http", paramLabel = "HOST:PORT", description = "With --target: its HTTP listener, for WebSocket.")
  String targetHttp;

  @Option(names = "--no-floor", negatable = false, description = "Skip the floor server.")
  boolean noFloor;

  @Option(names = "--no-mosquitto", negatable = false, description = "Skip Mosquitto.")
  boolean noMosquitto;

  @Option(names = "--no-inspircd", negatable = false, description = "Skip InspIRCd (which the bench otherwise starts, when installed).")
  boolean noInspircd;

  @Option(names = "--no-pin", negatable = false, description = "Do not pin servers and generator to CPUs.")
  boolean noPin;

  @Option(names = "--server-jvm-opts", paramLabel = "OPTS", description = "JVM options for the servers the bench starts.")
  String serverJvmOptions = "";

  @Option(names = "--out", paramLabel = "DIR", description = "Where the JSON reports go.")
  Path out = Path.of("bench-results");

  @Option(names = "--smoke", description = "Tiny sizes, a second or two per scenario: checks that the bench works, measures nothing.")
  boolean smoke;

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = System.out;
    List<Measurement> chosen = scenarios();
    long needed = Math.max(Math.max(connections, sizes.stream().mapToInt(Integer::intValue).max().orElse(0)),
        Math.max(rooms * roomMembers, Math.max(clusterMembers, members.stream().mapToInt(Integer::intValue).max().orElse(0)))) + 1000L;
    OpenFiles.raiseTo(needed);
    Path work = Files.createTempDirectory("parley-bench-");
    Lab.Options options = new Lab.Options(!noPin, transports(), target, targetHttp, !noFloor, !noMosquitto, !noInspircd, work,
        serverJvmOptions.isBlank() ? List.of() : List.of(serverJvmOptions.trim().split("\\s+")));
    try (Lab lab = Lab.open(options, stdout)) {
      for (Measurement scenario : chosen) {
        Report report = scenario.run(lab, stdout);
        report.print(stdout);
        Path json = report.writeJson(out, lab.facts());
        stdout.println("written: " + json);
      }
    } catch (BenchException e) {
      System.err.println("parley: bench: " + e.getMessage());
      return 1;
    }
    deleteQuietly(work);
    return 0;
  }

  private List<Measurement> scenarios() {
    if (scenarios.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "missing a scenario: one of " + SCENARIOS + ", all or cluster");
    }
    Set<String> names = new LinkedHashSet<>();
    for (String s : scenarios) {
      String name = s.toLowerCase(Locale.ROOT);
      if (name.equals("all")) {
        names.addAll(SCENARIOS);
      } else if (SCENARIOS.contains(name) || name.equals(CLUSTER)) {
        names.add(name);
      } else {
        throw new ParameterException(spec.commandLine(), "unknown scenario " + s + "; one of " + SCENARIOS + ", all or cluster");
      }
    }
    if (smoke) {
      shrinkForSmoke();
    }
    checkPositive();
    List<Measurement> list = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case "fanout" -> members.forEach(n -> list.add(new Fanout(
            new Fanout.Settings(n, Math.min(publishers, n), startRate, maxRate, stepMillis, budgetSeconds * 1000, maxP99Millis))));
        case "bigroom" -> list.add(new BigRoom(new BigRoom.Settings(sizes.stream().sorted().toList(), broadcasts)));
        case "rooms" -> list.add(new Rooms(new Rooms.Settings(rooms, roomMembers, memberRate, roomsWarmUpMillis, durationMillis)));
        case "idle" -> list.add(new Idle(new Idle.Settings(connections, holdMillis)));
        case "sends" -> list.add(new Sends(sendsSettings()));
        case CLUSTER -> {
          ClusterNodes.Spec cluster = new ClusterNodes.Spec(nodes, clusterPostgres, clusterRedis);
          list.add(new ClusterFanout(new Fanout.Settings(clusterMembers, Math.min(publishers, clusterMembers), startRate, maxRate,
              stepMillis, budgetSeconds * 1000, maxP99Millis), cluster, smoke ? 200 : 5000));
          list.add(new ClusterSends(sendsSettings(), cluster));
        }
        default -> throw new IllegalStateException(name);
      }
    }
    return list;
  }

  private Sends.Settings sendsSettings() {
    return new Sends.Settings(clients, window, smoke ? 200 : 3000, Math.min(durationMillis, 5000));
  }

  /** A second or two per scenario and target, at sizes any machine can hold. */
  private void shrinkForSmoke() {
    members = List.of(20);
    clusterMembers = 20;
    publishers = 2;
    startRate = 200;
    maxRate = 400;
    stepMillis = 500;
    sizes = List.of(10, 20);
    broadcasts = 2;
    rooms = 5;
    roomMembers = 4;
    memberRate = 5;
    durationMillis = 1000;
    connections = 50;
    holdMillis = 200;
    clients = 4;
  }

  private void checkPositive() {
    boolean ok = Stream.of(members, sizes).flatMap(List::stream).allMatch(n -> n > 0)
        && publishers > 0 && maxP99Millis > 0 && startRate > 0 && maxRate >= startRate && stepMillis > 0 && budgetSeconds > 0
        && broadcasts > 0 && rooms > 0 && roomMembers > 0 && memberRate > 0 && durationMillis > 0
        && roomsWarmUpMillis >= 0 && connections > 0 && holdMillis >= 0 && clients > 0 && window > 0 && nodes > 0 && clusterMembers > 0;
    if (!ok) {
      throw new ParameterException(spec.commandLine(), "sizes, rates and durations must be positive (and --max-rate >= --start-rate)");
    }
  }

  private List<Transport> transports() {
    List<Transport> list = new ArrayList<>();
    for (String t : transports) {
      switch (t.toLowerCase(Locale.ROOT)) {
        case "tcp" -> list.add(Transport.TCP);
        case "ws" -> list.add(Transport.WS);
        default -> throw new ParameterException(spec.commandLine(), "--transport takes tcp or ws, not " + t);
      }
    }
    return list;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
