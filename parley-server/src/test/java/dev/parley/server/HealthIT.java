package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.sqlite.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@code /healthz} answers 200 only while the node can store, and names the part that fails
 * (issue 14, step 1). The failure is real: another connection holds SQLite's write lock, so
 * reads still work while writes cannot.
 */
class HealthIT extends ServerFixture {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> healthz() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server().httpAddress().orElseThrow().getPort() + "/healthz");
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthyWhileTheStoreTakesWritesAndSaysWhichPartFailsWhenItDoesNot() throws Exception {
    HttpResponse<String> fine = healthz();
    assertThat(fine.statusCode()).isEqualTo(200);
    assertThat(fine.body()).isEqualTo("ok\nstore: ok\n");

    try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
        Statement s = locker.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      Thread.sleep(1100); // past the reuse of the last answer
      HttpResponse<String> failing = healthz();
      assertThat(failing.statusCode()).isEqualTo(503);
      assertThat(failing.body()).startsWith("unavailable\nstore: ").doesNotContain("store: ok");
      s.execute("ROLLBACK");
    }

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(healthz().statusCode()).isEqualTo(200));
  }
}
