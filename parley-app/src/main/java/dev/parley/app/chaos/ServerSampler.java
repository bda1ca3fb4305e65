package dev.parley.app.chaos;

import dev.parley.bench.run.ProcessMemory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Takes a soak sample of the server: the heap after a full GC, as the bench measures it
 * ({@link ProcessMemory#heapUsedAfterGcKb}, through the JDK's {@code jcmd}), then the open file
 * descriptors and live threads from the server's {@code /metrics}. Without jcmd the heap figure
 * is the heap in use at that moment, from {@code /metrics}, and the report says so.
 */
final class ServerSampler {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(LIMIT).build();

  boolean forcesGc() {
    return ProcessMemory.canForceGc();
  }

  ServerSample sample(double at, long pid, int httpPort) throws IOException, InterruptedException {
    long heapAfterGcKb = forcesGc() ? ProcessMemory.heapUsedAfterGcKb(pid) : -1;
    if (forcesGc() && heapAfterGcKb < 0) {
      throw new IOException("jcmd could not run a GC in the server");
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
        .timeout(LIMIT).build();
    String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    return new ServerSample(at,
        heapAfterGcKb >= 0 ? heapAfterGcKb * 1024 : (long) PrometheusText.sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""),
        (long) PrometheusText.sum(metrics, "process_files_open_files", ""),
        (long) PrometheusText.sum(metrics, "jvm_threads_live_threads", ""));
  }
}
