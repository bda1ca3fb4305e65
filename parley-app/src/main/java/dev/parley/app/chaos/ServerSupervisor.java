package dev.parley.app.chaos;

import dev.parley.bench.run.ChildServer;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.Pinning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code parley serve} child process under test (a single server, or one node of a
 * cluster), started as the bench starts its servers ({@link ChildServer}: this java, this class
 * path, on loopback). The first start takes free ports; every restart reuses them, so that a
 * restarted server is where its clients look. Its standard error goes to {@code log}. Only the
 * chaos run's main thread (or, at the start, one starting thread per node) calls it.
 */
final class ServerSupervisor implements AutoCloseable {
  private final Path dataDir;
  private final Path log;
  private final Duration heartbeat;
  private final List<String> clusterArgs;
  private ChildServer server; // null while killed and not yet restarted
  private final int tcpPort;
  private final int httpPort;

  private ServerSupervisor(Path dataDir, Path log, Duration heartbeat, List<String> clusterArgs) {
    this.dataDir = dataDir;
    this.log = log;
    this.heartbeat = heartbeat;
    this.clusterArgs = clusterArgs;
    this.server = launch(0, 0);
    this.tcpPort = server.tcpPort();
    this.httpPort = server.httpPort();
  }

  /** Starts a single server on SQLite in {@code dataDir}; its log is {@code server.log} there. */
  static ServerSupervisor start(Path dataDir, Duration heartbeat) {
    return new ServerSupervisor(dataDir, dataDir.resolve("server.log"), heartbeat, List.of());
  }

  /** Starts a node of the cluster on the database {@code postgres} and the Redis {@code redis}. */
  static ServerSupervisor startNode(Path dataDir, Path log, Duration heartbeat, String postgres, String redis) {
    return new ServerSupervisor(dataDir, log, heartbeat, List.of("--postgres", postgres, "--redis", redis));
  }

  int tcpPort() {
    return tcpPort;
  }

  int httpPort() {
    return httpPort;
  }

  long pid() {
    return server.pid();
  }

  /** The node name of the running process (new at every start), or {@code null} for a single server. */
  String node() {
    return server == null ? null : server.node();
  }

  /** SIGKILL, then a new server on the same ports and data directory. */
  void killAndRestart() {
    kill();
    restart();
  }

  /** SIGKILL; the server stays dead until {@link #restart}. */
  void kill() {
    server.kill();
    server = null;
  }

  /** A new server on the same ports, once it listens. */
  void restart() {
    server = launch(tcpPort, httpPort);
  }

  /** SIGSTOP, {@code frozen} of silence, SIGCONT. */
  void freeze(Duration frozen) throws InterruptedException {
    signal("STOP");
    try {
      Thread.sleep(frozen.toMillis()); // the fault itself: the server hears nothing for this long
    } finally {
      signal("CONT");
    }
  }

  /** SIGTERM and a clean exit. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  private ChildServer launch(int tcp, int http) {
    List<String> args = new ArrayList<>(List.of("serve", "--bind", "127.0.0.1",
        "--tcp-port", String.valueOf(tcp), "--http-port", String.valueOf(http),
        "--data-dir", dataDir.toString(), "--heartbeat", String.valueOf(heartbeat.toSeconds()),
        // the fleet shares one address, registers all at once, and sends in bursts after every fault
        "--max-connections-per-address", "100000", "--rate", "200", "--registrations-per-hour", "100000",
        // each restart is an outage the fleet waits out: no JIT warm-up to lengthen it
        "--warm-up-ms", "0"));
    args.addAll(clusterArgs);
    return ChildServer.start("parley", Pinning.apply(false), List.of(), Lab.PARLEY_MAIN, args, log);
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(server.pid()))
          .redirectErrorStream(true).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + server.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling the server");
    }
  }
}
