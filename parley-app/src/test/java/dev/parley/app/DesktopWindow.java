package dev.parley.app;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.app.desktop.WindowDriver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One {@code parley desktop} window in a JVM of its own on a {@link VirtualDisplay}, run by a
 * {@link WindowDriver}: each method sends one order and waits for its answer. Clicks and keys go
 * through the X server for real; what the window shows is read from its models on its event
 * thread.
 */
final class DesktopWindow implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String label;
  private final Process process;
  private final PrintStream orders;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final StringBuffer stderr = new StringBuffer();

  private DesktopWindow(String label, Process process) {
    this.label = label;
    this.process = process;
    this.orders = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    pump(process.getInputStream(), answers::add);
    pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
  }

  /** {@code parley desktop ARGS} on {@code display}, driven by a {@link WindowDriver}. */
  static DesktopWindow start(String label, VirtualDisplay display, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dio.netty.leakDetection.level=paranoid");
    command.add("-cp");
    command.add(ServerProcess.jar() + java.io.File.pathSeparator + testClasses());
    command.add(WindowDriver.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DISPLAY", display.name());
    builder.environment().remove("XDG_CONFIG_HOME");
    try {
      return new DesktopWindow(label, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String testClasses() {
    try {
      return Path.of(WindowDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends one order; its answer's value, or a failure naming the order and the window's error. */
  JsonNode call(String order) {
    orders.println(order);
    try {
      String line = answers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        return fail("%s: no answer to '%s' within %s; stderr:%n%s", label, order, WAIT, stderr);
      }
      JsonNode answer = JSON.readTree(line);
      if (answer.has("exited")) {
        return fail("%s: the window exited (%s) at '%s'; stderr:%n%s", label, line, order, stderr);
      }
      if (!answer.path("ok").asBoolean()) {
        return fail("%s: '%s' failed: %s; stderr:%n%s", label, order, answer.path("error").asText(), stderr);
      }
      return answer.path("value");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asks {@code order} until its answer passes {@code test}; the last answer. */
  JsonNode awaitAnswer(String order, Predicate<JsonNode> test) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
        .alias(label + ": " + order)
        .until(() -> test.test(last[0] = call(order)));
    return last[0];
  }

  /** Whether {@code order}'s answer passes {@code test} within {@code limit} (asked every 250 ms). */
  boolean within(Duration limit, String order, Predicate<JsonNode> test) {
    long end = System.nanoTime() + limit.toNanos();
    do {
      if (test.test(call(order))) {
        return true;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    } while (System.nanoTime() < end);
    return false;
  }

  /** The texts of the open conversation's messages (stored ones, not lines on their way), in order. */
  List<String> texts() {
    List<String> texts = new ArrayList<>();
    call("messages").forEach(m -> {
      if (!m.path("pending").asBoolean()) {
        texts.add(m.path("text").asText());
      }
    });
    return texts;
  }

  String stderr() {
    return stderr.toString();
  }

  String label() {
    return label;
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
        // the window's process is gone
      }
    }, "desktop-window-output");
    t.setDaemon(true);
    t.start();
  }
}
