package dev.parley.app.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Takes a soak sample of the server: forces a full GC with {@code jcmd PID GC.run} (the JDK's
 * own tool, next to this java), then reads the server's {@code /metrics}: heap in use (now the
 * heap after GC), open file descriptors and live threads. Without jcmd the heap figure is the
 * heap in use at that moment, and the report says so.
 */
final class ServerSampler {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(LIMIT).build();
  private final Optional<Path> jcmd = findJcmd();

  boolean forcesGc() {
    return jcmd.isPresent();
  }

  ServerSample sample(double at, long pid, int httpPort) throws IOException, InterruptedException {
    if (jcmd.isPresent()) {
      Process gc = new ProcessBuilder(jcmd.get().toString(), String.valueOf(pid), "GC.run")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!gc.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        gc.destroyForcibly();
        throw new IOException("jcmd GC.run did not finish");
      }
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
        .timeout(LIMIT).build();
    String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    return new ServerSample(at,
        (long) PrometheusText.sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""),
        (long) PrometheusText.sum(metrics, "process_files_open_files", ""),
        (long) PrometheusText.sum(metrics, "jvm_threads_live_threads", ""));
  }

  private static Optional<Path> findJcmd() {
    return ProcessHandle.current().info().command()
        .map(java -> Path.of(java).resolveSibling("jcmd"))
        .filter(Files::isExecutable);
  }
}
