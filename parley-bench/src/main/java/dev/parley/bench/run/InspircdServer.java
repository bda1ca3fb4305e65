package dev.parley.bench.run;

import dev.parley.bench.gen.BenchException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * InspIRCd (Debian's {@code inspircd}) as a reference, started by the bench like the floor: its
 * own process (not the system's service), pinned to the servers' CPU, on a free loopback port,
 * with the configuration of {@link InspircdConfig} written to the bench's work directory.
 */
public final class InspircdServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/sbin/inspircd");
  private static final int TRIES = 3;

  private final Process process;
  private final Thread killAtExit;
  private final int port;
  private final List<String> command;

  private InspircdServer(Process process, Thread killAtExit, int port, List<String> command) {
    this.process = process;
    this.killAtExit = killAtExit;
    this.port = port;
    this.command = command;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Starts it on {@code host} and waits (up to 30 s) until it accepts connections. */
  public static InspircdServer start(Pinning pinning, String host, Path dir) {
    BenchException last = null;
    for (int i = 0; i < TRIES; i++) {
      try {
        return startOnce(pinning, host, dir);
      } catch (BenchException e) {
        last = e; // most likely the free port was taken before it bound; try another
      }
    }
    throw last;
  }

  private static InspircdServer startOnce(Pinning pinning, String host, Path dir) {
    int port = freePort(host);
    Path config = dir.resolve("inspircd.conf");
    Path log = dir.resolve("inspircd.log");
    List<String> command = new ArrayList<>(pinning.serverPrefix());
    command.addAll(List.of(BINARY.toString(), "--config", config.toString(), "--nofork", "--nopid"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.add("--runasroot");
    }
    Process process;
    try {
      Files.createDirectories(dir);
      Files.writeString(config, InspircdConfig.text(host, port, log), StandardCharsets.UTF_8);
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("inspircd.out").toFile())).start();
    } catch (IOException e) {
      throw new BenchException("inspircd: cannot start: " + e.getMessage());
    }
    Thread killAtExit = new Thread(process::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(killAtExit);
    InspircdServer server = new InspircdServer(process, killAtExit, port, command);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (answers(host, port)) {
        return server;
      }
      sleep(100);
    }
    server.close();
    throw new BenchException("inspircd did not start; its output: " + dir.resolve("inspircd.out"));
  }

  private static int freePort(String host) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(host, 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new BenchException("inspircd: no free port: " + e.getMessage());
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String commandLine() {
    return String.join(" ", command);
  }

  /** SIGTERM, then up to 10 s for a clean exit, then SIGKILL. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killAtExit);
    } catch (IllegalStateException alreadyExiting) {
      // the hook runs anyway
    }
  }
}
