package dev.parley.bench.run;

import dev.parley.bench.gen.BenchException;
import dev.parley.bench.gen.Generator;
import dev.parley.bench.gen.Target;
import dev.parley.bench.gen.Target.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measures with: the pinning, the generator, a Parley server and a
 * floor server (child processes, or an already running Parley with {@code --target}),
 * Mosquitto when it answers at 127.0.0.1:1883, InspIRCd (started by the bench, when installed), and for the cluster scenarios a cluster of
 * Parley nodes on PostgreSQL and Redis.
 */
public final class Lab implements AutoCloseable {
  public static final String PARLEY_MAIN = "dev.parley.app.ParleyCommand";
  public static final String FLOOR_MAIN = "dev.parley.bench.floor.FloorServer";
  private static final String LOOPBACK = "127.0.0.1";
  private static final int MOSQUITTO_PORT = 1883;

  /** The server flags that lift per-connection limits which would throttle the generator. */
  public static final List<String> PARLEY_FLAGS =
      List.of("--rate", "1000000", "--max-connections-per-address", "1000000", "--max-room-members", "1000000");

  /**
   * @param pin pin the servers and the generator to their CPUs
   * @param transports which transports Parley and the floor are measured over
   * @param target {@code HOST:PORT} of a running Parley's TCP listener, or null to start one
   * @param targetHttp {@code HOST:PORT} of its HTTP listener (for WebSocket), or null
   * @param floor measure the floor server too
   * @param mosquitto measure Mosquitto too (when it answers)
   * @param inspircd start and measure InspIRCd too (when installed)
   * @param workDir where the child servers keep their data and logs
   * @param serverJvmOptions JVM options for the child servers
   */
  public record Options(
      boolean pin,
      List<Transport> transports,
      String target,
      String targetHttp,
      boolean floor,
      boolean mosquitto,
      boolean inspircd,
      Path workDir,
      List<String> serverJvmOptions) {}

  private final Options options;
  /** The launcher's JVM options, then the bench's own. */
  private final List<String> serverJvmOptions;
  private final Pinning pinning;
  private final Generator generator = new Generator();
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private ChildServer parley;
  private ChildServer floor;
  private InspircdServer inspircd;
  /** Started by the first cluster scenario, kept for the next. */
  private ClusterNodes cluster;
  /** Whether a scenario has used the server since it started (restarted() then restarts it). */
  private boolean parleyUsed;
  /** Whether the running Parley was started with its JIT warm-up. */
  private boolean parleyWarm;
  private boolean floorUsed;
  private boolean inspircdUsed;
  private String parleyHost = LOOPBACK;
  private int parleyTcp;
  private int parleyHttp = -1;
  private boolean mosquittoUp;
  private String token;

  private Lab(Options options) {
    this.options = options;
    this.serverJvmOptions = ServerJvmOptions.with(options.serverJvmOptions());
    this.pinning = Pinning.apply(options.pin());
  }

  public static Lab open(Options options, PrintStream out) {
    Lab lab = new Lab(options);
    try {
      lab.start(out);
      return lab;
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  private void start(PrintStream out) {
    fact(out, "pinning", pinning.describe());
    fact(out, "generator cpus", Pinning.allowedCpus());
    fact(out, "open files", String.valueOf(OpenFiles.limit()));
    fact(out, "machine load", MachineLoad.describe());
    if (options.target() != null) {
      InetSocketAddress tcp = loopback("--target", options.target());
      parleyHost = tcp.getHostString();
      parleyTcp = tcp.getPort();
      parleyHttp = options.targetHttp() == null ? -1 : loopback("--target-http", options.targetHttp()).getPort();
      fact(out, "parley", "already running at " + options.target()
          + (options.targetHttp() == null ? " (no --target-http: no WebSocket)" : ", http " + options.targetHttp()));
    } else {
      startParley(true);
      fact(out, "parley", parley.commandLine() + "  (pid " + parley.pid() + ", log " + options.workDir().resolve("parley.log") + ")");
    }
    token = ParleyLogin.token(parleyHost, parleyTcp);
    if (options.floor()) {
      startFloor();
      fact(out, "floor", floor.commandLine() + "  (pid " + floor.pid() + ")");
    }
    if (options.mosquitto()) {
      mosquittoUp = answers(LOOPBACK, MOSQUITTO_PORT);
      long pid = ProcessMemory.mosquittoPid();
      fact(out, "mosquitto", mosquittoUp
          ? "127.0.0.1:1883, MQTT 3.1.1 QoS 0, one topic per room" + (pid > 0 ? " (pid " + pid + ", not pinned)" : "")
          : "unavailable (nothing answers at 127.0.0.1:1883; start it with: mosquitto -d -c /etc/mosquitto/mosquitto.conf)");
    }
    if (options.inspircd()) {
      if (InspircdServer.installed()) {
        startInspircd();
        fact(out, "inspircd", inspircd.commandLine() + "  (pid " + inspircd.pid() + ", 127.0.0.1:" + inspircd.port()
            + ", IRC with echo-message, one channel per room in auditorium mode; flood limits lifted)");
      } else {
        fact(out, "inspircd", "unavailable (" + InspircdServer.BINARY + " is not installed: apt-get install inspircd)");
      }
    }
  }

  private void startInspircd() {
    inspircd = InspircdServer.start(pinning, LOOPBACK, options.workDir().resolve("inspircd"));
  }

  private void startParley(boolean warmUp) {
    List<String> args = new ArrayList<>(List.of("serve", "--bind", LOOPBACK, "--tcp-port", "0", "--http-port", "0",
        "--data-dir", options.workDir().resolve("parley-data").toString()));
    args.addAll(PARLEY_FLAGS);
    if (!warmUp) {
      args.addAll(List.of("--warm-up-ms", "0"));
    }
    parleyWarm = warmUp;
    parley = ChildServer.start("parley", pinning, serverJvmOptions, PARLEY_MAIN, args,
        options.workDir().resolve("parley.log"));
    parleyTcp = parley.tcpPort();
    parleyHttp = parley.httpPort();
  }

  private void startFloor() {
    floor = ChildServer.start("floor", pinning, serverJvmOptions, FLOOR_MAIN, List.of(LOOPBACK),
        options.workDir().resolve("floor.log"));
  }

  /** Notes that a scenario put load on {@code target}'s server. */
  public void markUsed(Target target) {
    parleyUsed |= target.system() == Target.System.PARLEY;
    floorUsed |= target.system() == Target.System.FLOOR;
    inspircdUsed |= target.system() == Target.System.INSPIRCD;
  }

  /**
   * Gives {@code target} on a server process that no scenario has used yet, restarting it when
   * the bench started it and a scenario used it, so that a memory measurement starts from a
   * fresh process; returns the target at its (new) port. Mosquitto and a {@code --target}
   * server are left alone.
   */
  public Target fresh(Target target) {
    return fresh(target, true);
  }

  /**
   * The same, with Parley's JIT warm-up ({@code serve --warm-up-ms}) on or off: a memory
   * measurement wants it off, as the warm-up's memory is a fixed cost that a full GC partly
   * hands back while connections are being counted.
   */
  public Target fresh(Target target, boolean parleyWarmsUp) {
    if (target.system() == Target.System.PARLEY && parley != null && (parleyUsed || parleyWarm != parleyWarmsUp)) {
      parley.close();
      startParley(parleyWarmsUp);
      token = ParleyLogin.token(parleyHost, parleyTcp);
      return new Target(target.system(), target.transport(), parleyHost,
          target.transport() == Transport.TCP ? parleyTcp : parleyHttp);
    }
    if (target.system() == Target.System.FLOOR && floor != null && floorUsed) {
      floor.close();
      startFloor();
      return new Target(target.system(), target.transport(), LOOPBACK, floor.port(target.transport()));
    }
    if (target.system() == Target.System.INSPIRCD && inspircd != null && inspircdUsed) {
      inspircd.close();
      startInspircd();
      return new Target(target.system(), target.transport(), LOOPBACK, inspircd.port());
    }
    return target;
  }

  /**
   * The cluster's nodes, started (with a database of their own) on the first call; later calls
   * get the same nodes.
   */
  public ClusterNodes cluster(ClusterNodes.Spec spec, PrintStream out) {
    if (cluster == null) {
      out.println("cluster: starting " + spec.count() + " nodes on PostgreSQL and Redis ...");
      cluster = ClusterNodes.start(spec, pinning, serverJvmOptions, options.workDir());
      fact(out, "cluster", cluster.describe());
    }
    return cluster;
  }

  /** The single Parley server (SQLite, or the {@code --target}) over TCP. */
  public Target parleyTcp() {
    return new Target(Target.System.PARLEY, Transport.TCP, parleyHost, parleyTcp);
  }

  private void fact(PrintStream out, String name, String value) {
    facts.put(name, value);
    out.println(name + ": " + value);
  }

  /** What was measured with, for every report's JSON. */
  public Map<String, Object> facts() {
    return facts;
  }

  public Generator generator() {
    return generator;
  }

  public String token() {
    return token;
  }

  /** Every target of this run: Parley and the floor over each transport, then Mosquitto and InspIRCd. */
  public List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    for (Transport t : options.transports()) {
      if (t == Transport.TCP) {
        targets.add(new Target(Target.System.PARLEY, t, parleyHost, parleyTcp));
      } else if (parleyHttp > 0) {
        targets.add(new Target(Target.System.PARLEY, t, parleyHost, parleyHttp));
      }
      if (floor != null) {
        targets.add(new Target(Target.System.FLOOR, t, LOOPBACK, floor.port(t)));
      }
    }
    if (mosquittoUp) {
      targets.add(new Target(Target.System.MOSQUITTO, Transport.TCP, LOOPBACK, MOSQUITTO_PORT));
    }
    if (inspircd != null) {
      targets.add(new Target(Target.System.INSPIRCD, Transport.TCP, LOOPBACK, inspircd.port()));
    }
    return targets;
  }

  /** The PID of the process serving {@code target}, or -1 when unknown. */
  public long pidOf(Target target) {
    return switch (target.system()) {
      case PARLEY -> parley != null ? parley.pid() : -1;
      case FLOOR -> floor != null ? floor.pid() : -1;
      case MOSQUITTO -> ProcessMemory.mosquittoPid();
      case INSPIRCD -> inspircd != null ? inspircd.pid() : -1;
    };
  }

  /** Throws when a server the bench started has died (its log says why). */
  public void checkAlive() {
    for (ChildServer s : new ChildServer[] {parley, floor}) {
      if (s != null && !s.isAlive()) {
        throw new BenchException(s.name() + " server died; its log: " + options.workDir().resolve(s.name() + ".log"));
      }
    }
    if (inspircd != null && !inspircd.isAlive()) {
      throw new BenchException("inspircd died; its output: " + options.workDir().resolve("inspircd"));
    }
    if (cluster != null) {
      cluster.checkAlive(options.workDir());
    }
  }

  private static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Parses {@code HOST:PORT}, refusing any address that is not loopback. */
  static InetSocketAddress loopback(String flag, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 1) {
      throw new BenchException(flag + " takes HOST:PORT, not " + hostPort);
    }
    String host = hostPort.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new BenchException(flag + " takes HOST:PORT, not " + hostPort);
    }
    try {
      if (!InetAddress.getByName(host).isLoopbackAddress()) {
        throw new BenchException(flag + ": the bench sends load to loopback addresses only, not " + host);
      }
    } catch (UnknownHostException e) {
      throw new BenchException(flag + ": unknown host " + host);
    }
    return new InetSocketAddress(host, port);
  }

  @Override
  public void close() {
    generator.close();
    if (cluster != null) {
      cluster.close();
    }
    if (parley != null) {
      parley.close();
    }
    if (floor != null) {
      floor.close();
    }
    if (inspircd != null) {
      inspircd.close();
    }
  }
}
