package dev.parley.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley bench cluster --smoke} from the real jar, on the machine's PostgreSQL and Redis:
 * three nodes started, fan-out over 1, 2 and 3 of them and sends on SQLite and PostgreSQL, a
 * moment each. It checks the rows of the reports and that the bench's database is gone at the
 * end, never how fast anything was.
 */
class BenchClusterSmokeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DATABASE = Pattern.compile("cluster: 3 nodes on postgresql://[^/]+/(parley_bench_[0-9a-f]+)");

  @TempDir Path dir;

  @Test
  void fanOutOverOneTwoAndThreeNodesAndSendsOnBothStoresAreReported() throws Exception {
    Path log = dir.resolve("bench.out");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("parley.jar"),
        "bench", "cluster", "--smoke", "--no-floor", "--no-mosquitto", "--out", dir.resolve("results").toString()));
    Process bench = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean finished = bench.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      bench.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("finished in time; output:%n%s", out).isTrue();
    assertThat(bench.exitValue()).as("exit status; output:%n%s", out).isZero();
    assertThat(out).contains("== cluster-fanout-20: ", "== cluster-sends: ");

    List<JsonNode> fanout = rows(report("cluster-fanout-20"));
    assertThat(fanout).extracting(r -> r.path("target").asText()).containsExactly("1 node", "2 nodes", "3 nodes");
    fanout.forEach(r -> assertThat(r.path("delivered").asLong()).as(r.toString()).isPositive());

    List<JsonNode> sends = rows(report("cluster-sends"));
    assertThat(sends).extracting(r -> r.path("target").asText())
        .containsExactly("sqlite, 1 node", "postgresql, 1 node", "postgresql, 3 nodes");
    sends.forEach(r -> {
      assertThat(r.path("acked sends/s").asDouble()).as(r.toString()).isPositive();
      assertThat(r.path("note").asText()).as(r.toString()).contains("durable acks");
    });

    Matcher m = DATABASE.matcher(out);
    assertThat(m.find()).as("the report names the bench's database; output:%n%s", out).isTrue();
    assertThat(databaseExists(m.group(1))).as("database %s dropped at the end", m.group(1)).isFalse();
  }

  private JsonNode report(String scenario) throws IOException {
    File file = dir.resolve("results").resolve("bench-" + scenario + ".json").toFile();
    assertThat(file).exists();
    return JSON.readTree(file);
  }

  private static List<JsonNode> rows(JsonNode report) {
    List<JsonNode> rows = new ArrayList<>();
    report.path("results").forEach(rows::add);
    rows.forEach(r -> assertThat(r.path("note").asText()).as(r.toString()).doesNotStartWith("failed"));
    return rows;
  }

  private static boolean databaseExists(String name) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null);
        PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      q.setString(1, name);
      return q.executeQuery().next();
    }
  }
}
