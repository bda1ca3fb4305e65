package dev.parley.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command run to completion: its exit status and what it printed. For {@code --version},
 * bad flags and failed starts; a command still running after {@link #LIMIT} fails the test.
 */
record CommandRun(int exitCode, String stdout, String stderr) {
  static final Duration LIMIT = Duration.ofSeconds(60);

  /** {@code java -jar parley.jar ARGS}. */
  static CommandRun parley(String... args) {
    return run(new ProcessBuilder(ServerProcess.javaCommand(Arrays.asList(args))));
  }

  /** {@code java -jar parley.jar ARGS} with {@code input} on standard input. */
  static CommandRun parleyWithInput(String input, String... args) {
    return run(new ProcessBuilder(ServerProcess.javaCommand(Arrays.asList(args))), input);
  }

  /** The {@code ./parley} launcher itself, started from {@code workingDir}. */
  static CommandRun launcher(Path workingDir, String... args) {
    String root = System.getProperty("parley.root");
    List<String> command = new ArrayList<>(List.of(Path.of(root, "parley").toString()));
    command.addAll(Arrays.asList(args));
    return run(new ProcessBuilder(command).directory(workingDir.toFile()));
  }

  /** The lines of standard error, without a trailing empty one. */
  List<String> stderrLines() {
    return stderr.lines().toList();
  }

  private static CommandRun run(ProcessBuilder builder) {
    return run(builder, "");
  }

  private static CommandRun run(ProcessBuilder builder, String input) {
    try {
      Process process = builder.start();
      try (var stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      CompletableFuture<String> out = readAll(process.getInputStream());
      CompletableFuture<String> err = readAll(process.getErrorStream());
      if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        fail("%s still running after %s; stdout %s; stderr %s",
            builder.command(), LIMIT, out.join(), err.join());
      }
      return new CommandRun(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<String> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stream.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "<unreadable: " + e + ">";
          }
        },
        task -> new Thread(task, "command-output").start()); // not the common pool: these block
  }
}
