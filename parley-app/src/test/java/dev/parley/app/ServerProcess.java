package dev.parley.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real {@code parley serve} process started from the shaded jar, on loopback and free
 * ports. {@link #start} returns once the listening line has been read from standard output;
 * standard error is kept so a failing test can show it. {@link #startLike} starts another on
 * the same data dir and the same ports, as an operator restarting a server would.
 */
final class ServerProcess {
  static final Pattern LISTENING =
      Pattern.compile("parley listening tcp=(\\S+):(\\d+) http=(off|\\S+:\\d+)(?: \\w+=\\S+)*");
  private static final Duration START_LIMIT = Duration.ofSeconds(30);
  private static final Duration EXIT_LIMIT = Duration.ofSeconds(30);

  private final Process process;
  private final Path dataDir;
  private final List<String> extraArgs;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final StringBuffer stderr = new StringBuffer();
  private final CompletableFuture<InetSocketAddress> tcpAddress = new CompletableFuture<>();
  private volatile InetSocketAddress httpAddress;
  private final Thread stdoutPump;
  private final Thread stderrPump;

  private ServerProcess(Process process, Path dataDir, List<String> extraArgs) {
    this.process = process;
    this.dataDir = dataDir;
    this.extraArgs = extraArgs;
    this.stdoutPump = pump(process.getInputStream(), "stdout", this::onStdoutLine);
    this.stderrPump = pump(process.getErrorStream(), "stderr", line -> stderr.append(line).append('\n'));
  }

  /** {@code java -jar parley.jar serve --bind 127.0.0.1 --tcp-port 0 --http-port 0 --data-dir DIR ...}. */
  static ServerProcess start(Path dataDir, String... extraArgs) {
    return start(dataDir, 0, 0, List.of(extraArgs));
  }

  /** The same on a given TCP port, so that a restarted server is where its clients look. */
  static ServerProcess start(Path dataDir, int tcpPort, String... extraArgs) {
    return start(dataDir, tcpPort, 0, List.of(extraArgs));
  }

  /** Another server on {@code previous}'s data dir, ports and flags (stop {@code previous} first). */
  static ServerProcess startLike(ServerProcess previous) {
    return start(
        previous.dataDir, previous.tcpAddress().getPort(), previous.httpAddress().getPort(), previous.extraArgs);
  }

  private static ServerProcess start(Path dataDir, int tcpPort, int httpPort, List<String> extraArgs) {
    List<String> args = new ArrayList<>(List.of("serve", "--bind", "127.0.0.1"));
    args.addAll(List.of("--tcp-port", String.valueOf(tcpPort), "--http-port", String.valueOf(httpPort)));
    args.addAll(List.of("--data-dir", dataDir.toString()));
    if (!extraArgs.contains("--warm-up-ms")) {
      args.addAll(List.of("--warm-up-ms", "0")); // seconds per start, and no test here measures speed
    }
    args.addAll(extraArgs);
    ServerProcess server = new ServerProcess(launch(args), dataDir, List.copyOf(extraArgs));
    server.awaitListening();
    return server;
  }

  /**
   * {@code java -jar parley.jar serve ARGS} with these environment variables added, and no flags
   * of its own: for tests of where {@code serve} takes its settings from.
   */
  static ServerProcess startWithEnvironment(Map<String, String> environment, List<String> args) {
    List<String> command = new ArrayList<>(List.of("serve"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(javaCommand(command));
    builder.environment().putAll(environment);
    try {
      ServerProcess server = new ServerProcess(builder.start(), null, List.copyOf(args));
      server.awaitListening();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new server on this one's port, data directory and flags; this one must have exited. */
  ServerProcess startAgain() {
    if (process.isAlive()) {
      throw new IllegalStateException("the server is still running");
    }
    return start(dataDir, tcpAddress().getPort(), extraArgs.toArray(String[]::new));
  }

  /** A TCP port that was free a moment ago (for a server that must keep its port across restarts). */
  static int freePort() {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The java command running the shaded jar with these arguments. */
  static List<String> javaCommand(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dio.netty.leakDetection.level=paranoid");
    command.add("-jar");
    command.add(jar());
    command.addAll(args);
    return command;
  }

  static String jar() {
    String jar = System.getProperty("parley.jar");
    if (jar == null) {
      throw new IllegalStateException("system property parley.jar is not set; run through Failsafe");
    }
    return jar;
  }

  /** The HTTP port, from the listening line. */
  int httpPort() {
    return httpAddress().getPort();
  }

  InetSocketAddress tcpAddress() {
    return tcpAddress.join();
  }

  /** The HTTP listener's address (web page, WebSocket, long-polling). */
  InetSocketAddress httpAddress() {
    tcpAddress.join();
    if (httpAddress == null) {
      throw new IllegalStateException("the server has no HTTP listener");
    }
    return httpAddress;
  }

  /** {@code http://127.0.0.1:PORT/}: where a browser opens the web page. */
  URI httpUri() {
    InetSocketAddress http = httpAddress();
    return URI.create("http://" + http.getHostString() + ":" + http.getPort() + "/");
  }

  /** SIGTERM, then the exit status. */
  int sigterm() {
    process.destroy();
    return awaitExit();
  }

  /** SIGKILL, then the exit status. */
  int kill9() {
    process.destroyForcibly();
    return awaitExit();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Every line written to standard output so far. */
  List<String> stdoutLines() {
    return List.copyOf(stdout);
  }

  String stderr() {
    return stderr.toString();
  }

  private int awaitExit() {
    try {
      if (!process.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail("server still running %s after it was signalled", EXIT_LIMIT);
      }
      joinPumps();
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Once the process is gone, waits until every line it wrote has been read. */
  private void joinPumps() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      stdoutPump.join(5000);
      stderrPump.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitListening() {
    process.onExit().thenRun(() -> tcpAddress.completeExceptionally(new IllegalStateException("exited")));
    try {
      tcpAddress.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      joinPumps();
      fail("server did not print its listening line within %s (exit %s); stdout %s; stderr:%n%s",
          START_LIMIT, process.isAlive() ? "none" : process.exitValue(), stdout, stderr);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void onStdoutLine(String line) {
    stdout.add(line);
    Matcher m = LISTENING.matcher(line);
    if (m.matches()) {
      String host = m.group(1).replace("[", "").replace("]", "");
      if (!m.group(3).equals("off")) {
        int colon = m.group(3).lastIndexOf(':');
        httpAddress = new InetSocketAddress(
            m.group(3).substring(0, colon).replace("[", "").replace("]", ""),
            Integer.parseInt(m.group(3).substring(colon + 1)));
      }
      tcpAddress.complete(new InetSocketAddress(host, Integer.parseInt(m.group(2))));
    }
  }

  static Process launch(List<String> args) {
    try {
      return new ProcessBuilder(javaCommand(args)).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Thread pump(InputStream stream, String name, Consumer<String> sink) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  sink.accept(line);
                }
              } catch (IOException ignored) {
                // the process is gone
              }
            },
            "server-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
