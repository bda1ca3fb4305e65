package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The plain HTTP routes: health, metrics, and the web client's files with their security and
 * caching headers (a test page on the test classpath stands in for the real client here).
 */
class HttpIT extends ServerFixture {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + server().httpAddress().orElseThrow().getPort() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthzSaysOkWhenTheStoreAnswers() throws Exception {
    HttpResponse<String> r = get("/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\nstore: ok\n");
  }

  @Test
  void metricsCountConnectionsMessagesAndErrorsInPrometheusFormat() throws Exception {
    var ann = guest("ann");
    join(ann, "lobby");
    say(ann, "lobby", "counted");
    ann.sendFrame("type", "dance");
    ann.expectError("unknown_type");

    String text = get("/metrics").body();

    assertThat(text).contains("parley_connections{transport=\"tcp\"} 1.0");
    assertThat(text).contains("parley_messages_in_total 1.0");
    assertThat(text).contains("parley_messages_out_total 1.0");
    assertThat(text).contains("parley_errors_total{code=\"unknown_type\"} 1.0");
    assertThat(text).contains("parley_rooms 1.0");
    assertThat(text).contains("parley_store_commit_seconds_count 1");
  }

  @Test
  void metricsShowTheProcessHeapThreadsAndOpenFiles() throws Exception {
    String text = get("/metrics").body();

    assertThat(text).containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"\\} [1-9]");
    assertThat(text).containsPattern("(?m)^jvm_threads_live_threads [1-9]");
    assertThat(text).containsPattern("(?m)^process_files_open_files [1-9]");
  }

  @Test
  void filesAreServedWithSecurityHeadersAndRevalidatedByEtag() throws Exception {
    HttpResponse<String> r = get("/test-page.html");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("served from the classpath");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");

    String etag = r.headers().firstValue("ETag").orElseThrow();
    assertThat(get("/test-page.html", "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void unknownPathsAndEscapesAre404() throws Exception {
    assertThat(get("/nothing-here.html").statusCode()).isEqualTo(404);
    assertThat(get("/..%2Fpom.xml").statusCode()).isEqualTo(404);
    assertThat(get("/dev/parley/server/ParleyServer.class").statusCode()).isEqualTo(404);
  }
}
