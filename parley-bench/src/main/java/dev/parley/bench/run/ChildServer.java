package dev.parley.bench.run;

import dev.parley.bench.gen.BenchException;
import dev.parley.bench.gen.Target.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under measurement running as a child process of the bench (Parley or the floor),
 * started from this JVM's own class path, pinned by {@link Pinning}. It is ready once it prints
 * its {@code listening tcp=HOST:PORT http=HOST:PORT} line; its standard error is appended to a
 * log file, after a {@code ---- COMMAND} line.
 */
public final class ChildServer implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening tcp=([^ ]+):(\\d+) http=([^ ]+):(\\d+)(?: node=(\\S+))?");

  private final String name;
  private final Process process;
  private final Thread killAtExit;
  private final int tcpPort;
  private final int httpPort;
  private final List<String> command;
  private final String node;

  private ChildServer(String name, Process process, Thread killAtExit, int tcpPort, int httpPort,
      List<String> command, String node) {
    this.name = name;
    this.process = process;
    this.killAtExit = killAtExit;
    this.tcpPort = tcpPort;
    this.httpPort = httpPort;
    this.command = command;
    this.node = node;
  }

  /** Starts {@code mainClass args} in a new JVM and waits (up to 60 s) for its listening line. */
  public static ChildServer start(
      String name, Pinning pinning, List<String> jvmOptions, String mainClass, List<String> args, Path log) {
    List<String> command = new ArrayList<>(pinning.serverPrefix());
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    Process process;
    try {
      Files.createDirectories(log.getParent());
      // One header line a start: a log that several starts append to says where each begins.
      Files.writeString(log, "---- " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new BenchException(name + ": cannot start " + command.get(0) + ": " + e.getMessage());
    }
    Thread killAtExit = new Thread(process::destroyForcibly); // SIGKILL also ends a stopped process
    Runtime.getRuntime().addShutdownHook(killAtExit);
    CompletableFuture<Matcher> listening = CompletableFuture.supplyAsync(() -> readListening(process));
    try {
      Matcher m = listening.get(60, TimeUnit.SECONDS);
      if (m == null) {
        throw new BenchException(name + " exited before listening; its log: " + log);
      }
      drain(process);
      return new ChildServer(name, process, killAtExit, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)), command,
          m.group(5));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BenchException(name + ": interrupted while starting");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new BenchException(name + " did not start within 60 s; its log: " + log);
    }
  }

  private static Matcher readListening(Process process) {
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line; (line = out.readLine()) != null; ) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Keeps reading standard output so the child never blocks on a full pipe. */
  private static void drain(Process process) {
    Thread t = new Thread(() -> {
      try {
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // the child is gone
      }
    }, "bench-child-stdout");
    t.setDaemon(true);
    t.start();
  }

  public int tcpPort() {
    return tcpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The port that serves {@code transport}: TCP lines, or HTTP for WebSocket. */
  public int port(Transport transport) {
    return transport == Transport.TCP ? tcpPort : httpPort;
  }

  /** The node name at the end of a cluster node's listening line, or {@code null}. */
  public String node() {
    return node;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The command line, for the report. */
  public String commandLine() {
    return String.join(" ", command).replace(System.getProperty("java.class.path"), "<bench class path>");
  }

  public String name() {
    return name;
  }

  /** SIGTERM, then up to 10 s for a clean exit, then SIGKILL. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    forgetAtExit();
  }

  /** SIGKILL (a crash, for the chaos run), and up to 30 s for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    forgetAtExit();
  }

  private void forgetAtExit() {
    try {
      Runtime.getRuntime().removeShutdownHook(killAtExit);
    } catch (IllegalStateException alreadyExiting) {
      // the hook runs anyway
    }
  }
}
