package dev.parley.app.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code parley serve} child process under test: started from this same jar with this same
 * java, on loopback, on two ports chosen once so that a restarted server is where its clients
 * look. Its standard error goes to {@code server.log} in the data directory; standard output is
 * read for the listening line. Only the chaos run's main thread calls it.
 */
final class ServerSupervisor implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  private static final Duration EXIT_LIMIT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final Path log;
  private final int tcpPort;
  private final int httpPort;
  private final Duration heartbeat;
  private final Thread killOnExit = new Thread(this::killNow, "chaos-server-reaper");
  private Process process; // only touched by the chaos run's main thread (and the reaper at exit)

  private ServerSupervisor(Path dataDir, Duration heartbeat) {
    this.dataDir = dataDir;
    this.log = dataDir.resolve("server.log");
    this.heartbeat = heartbeat;
    this.tcpPort = freePort();
    this.httpPort = freePort();
  }

  /** Starts the server and waits for its listening line. */
  static ServerSupervisor start(Path dataDir, Duration heartbeat) {
    ServerSupervisor supervisor = new ServerSupervisor(dataDir, heartbeat);
    Runtime.getRuntime().addShutdownHook(supervisor.killOnExit);
    supervisor.launch();
    return supervisor;
  }

  int tcpPort() {
    return tcpPort;
  }

  int httpPort() {
    return httpPort;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** SIGKILL, then a new server on the same ports and data directory. */
  void killAndRestart() {
    killNow();
    awaitExit();
    launch();
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
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!awaitExit()) {
        killNow();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>(javaAndJar());
    command.addAll(List.of("serve", "--bind", "127.0.0.1",
        "--tcp-port", String.valueOf(tcpPort), "--http-port", String.valueOf(httpPort),
        "--data-dir", dataDir.toString(), "--heartbeat", String.valueOf(heartbeat.toSeconds()),
        // the fleet shares one address and sends in bursts after every fault
        "--max-connections-per-address", "100000", "--rate", "200"));
    try {
      Files.writeString(log, "---- " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server: " + e.getMessage(), e);
    }
    awaitListening(process);
  }

  private void awaitListening(Process started) {
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("parley listening ")) {
            listening.complete(null);
          }
        }
      } catch (IOException ignored) {
        // the process is gone
      }
      listening.completeExceptionally(new IllegalStateException("exited"));
    }, "chaos-server-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      listening.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      started.destroyForcibly();
      throw new IllegalStateException(
          "the server did not start within " + Seconds.format(START_LIMIT) + "; see " + log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the server started");
    }
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
          .redirectErrorStream(true).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling the server");
    }
  }

  private void killNow() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly(); // SIGKILL also ends a stopped process
    }
  }

  private boolean awaitExit() {
    try {
      return process.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** This JVM's java and the jar this class was loaded from: the server is the same build. */
  private static List<String> javaAndJar() {
    String java = ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this program"));
    Path jar;
    try {
      jar = Path.of(ServerSupervisor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot find the parley jar this program runs from");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("chaos starts servers from the parley jar; run it with ./parley chaos");
    }
    return List.of(java, "-jar", jar.toString());
  }

  private static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port: " + e.getMessage(), e);
    }
  }
}
