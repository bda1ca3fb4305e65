package dev.parley.app;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code parley bot} as a real process: the password (if any) written to its standard input,
 * each line of standard output kept. {@link #awaitStarted} waits for its first line (it is in
 * its rooms); {@link #kill9} is SIGKILL.
 */
final class BotProcess implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(40);

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final StringBuffer stderr = new StringBuffer();

  private BotProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), stdout::add);
    pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
  }

  /** {@code java -jar parley.jar bot ARGS}, {@code password} (or nothing) on standard input. */
  static BotProcess start(String password, String... args) {
    List<String> command = new ArrayList<>(List.of("bot"));
    command.addAll(List.of(args));
    BotProcess bot = new BotProcess(ServerProcess.launch(command));
    try (OutputStream in = bot.process.getOutputStream()) {
      if (password != null) {
        in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bot;
  }

  BotProcess awaitStarted() {
    await().atMost(WAIT).until(() -> !process.isAlive() || stdout.stream().anyMatch(l -> l.startsWith("parley bot ")));
    if (!process.isAlive()) {
      throw new AssertionError("bot exited " + process.exitValue() + "; stdout " + stdout + "; stderr " + stderr);
    }
    return this;
  }

  /** The reply lines printed so far ({@code [room] #ID user: text -> #ID reply}). */
  List<String> replies() {
    return stdout.stream().filter(l -> l.startsWith("[")).toList();
  }

  List<String> stdout() {
    return List.copyOf(stdout);
  }

  String stderr() {
    return stderr.toString();
  }

  void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, then the exit status. */
  int sigterm() {
    process.destroy();
    try {
      if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("bot still running after SIGTERM");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static void pump(java.io.InputStream stream, java.util.function.Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          sink.accept(line);
        }
      } catch (IOException ignored) {
        // the process is gone
      }
    }, "bot-output");
    t.setDaemon(true);
    t.start();
  }
}
