package dev.parley.app.chaos;

import dev.parley.bench.run.ChildServer;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.Pinning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code parley serve} child process under test, started as the bench starts its servers
 * ({@link ChildServer}: this java, this class path, on loopback). The first start takes free
 * ports; every restart reuses them, so that a restarted server is where its clients look. Its
 * standard error goes to {@code server.log} in the data directory. Only the chaos run's main
 * thread calls it.
 */
final class ServerSupervisor implements AutoCloseable {
  private final Path dataDir;
  private final Duration heartbeat;
  private ChildServer server;
  private final int tcpPort;
  private final int httpPort;

  private ServerSupervisor(Path dataDir, Duration heartbeat) {
    this.dataDir = dataDir;
    this.heartbeat = heartbeat;
    this.server = launch(0, 0);
    this.tcpPort = server.tcpPort();
    this.httpPort = server.httpPort();
  }

  /** Starts the server and waits for its listening line. */
  static ServerSupervisor start(Path dataDir, Duration heartbeat) {
    return new ServerSupervisor(dataDir, heartbeat);
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

  /** SIGKILL, then a new server on the same ports and data directory. */
  void killAndRestart() {
    server.kill();
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
    server.close();
  }

  private ChildServer launch(int tcp, int http) {
    List<String> args = List.of("serve", "--bind", "127.0.0.1",
        "--tcp-port", String.valueOf(tcp), "--http-port", String.valueOf(http),
        "--data-dir", dataDir.toString(), "--heartbeat", String.valueOf(heartbeat.toSeconds()),
        // the fleet shares one address, registers all at once, and sends in bursts after every fault
        "--max-connections-per-address", "100000", "--rate", "200", "--registrations-per-hour", "100000");
    return ChildServer.start("parley", Pinning.apply(false), List.of(), Lab.PARLEY_MAIN, args,
        dataDir.resolve("server.log"));
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
