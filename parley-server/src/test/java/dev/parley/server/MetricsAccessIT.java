package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} is the operator's, not the world's: it answers a scraper on this machine
 * (loopback, not relayed by a proxy) or one with the bearer token of {@code --metrics-token-file}.
 */
class MetricsAccessIT extends ServerFixture {
  private static final String TOKEN = "s3cret-metrics-token-0123456789";
  private final HttpClient http = HttpClient.newHttpClient();

  private int metrics(String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server().httpAddress().orElseThrow().getPort() + "/metrics"));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void aScraperOnThisMachineReadsMetrics() throws Exception {
    assertThat(metrics()).isEqualTo(200);
  }

  @Test
  void aRequestRelayedByAProxyIsNotLocal() throws Exception {
    assertThat(metrics("X-Forwarded-For", "203.0.113.9")).isEqualTo(403);
    assertThat(metrics("Forwarded", "for=203.0.113.9")).isEqualTo(403);
  }

  @Test
  void theTokenFromTheTokenFileLetsAScraperIn() throws Exception {
    Path file = Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + "-token"), TOKEN + "\n");
    configure(c -> c.withMetricsTokenFile(file));

    assertThat(metrics("X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer " + TOKEN)).isEqualTo(200);
    assertThat(metrics("X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer wrong")).isEqualTo(403);
    assertThat(metrics("X-Forwarded-For", "203.0.113.9")).isEqualTo(403);
  }
}
