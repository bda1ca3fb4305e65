package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
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
 * {@code parley chat} run as a pipe tool: standard input stays open for {@link #type}, each line
 * of standard output is kept for {@link #awaitLine}. Closed (and killed if need be) by {@link
 * #close}.
 */
final class ChatProcess implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final OutputStream stdin;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final StringBuffer stderr = new StringBuffer();

  private ChatProcess(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout::add);
    pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
        line -> stderr.append(line).append('\n'));
  }

  /** {@code java -jar parley.jar chat ARGS}. */
  static ChatProcess start(String... args) {
    List<String> command = new ArrayList<>(List.of("chat"));
    command.addAll(List.of(args));
    return new ChatProcess(ServerProcess.launch(command));
  }

  void type(String text) {
    try {
      stdin.write(text.getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void closeInput() {
    try {
      stdin.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> stdout() {
    return List.copyOf(stdout);
  }

  String stderr() {
    return stderr.toString();
  }

  void awaitLine(String line) {
    await().atMost(WAIT).until(() -> stdout.contains(line));
  }

  int awaitExit() {
    try {
      assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS))
          .as("chat still running; stdout %s stderr %s", stdout, stderr).isTrue();
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

  private static void pump(BufferedReader in, java.util.function.Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (in) {
        String line;
        while ((line = in.readLine()) != null) {
          sink.accept(line);
        }
      } catch (IOException ignored) {
        // the process is gone
      }
    }, "chat-output");
    t.setDaemon(true);
    t.start();
  }
}
