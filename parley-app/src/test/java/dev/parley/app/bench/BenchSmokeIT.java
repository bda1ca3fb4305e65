package dev.parley.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley bench all --smoke} from the real jar: every scenario, a moment each, against
 * Parley, the floor and (when it runs) Mosquitto, so the bench never rots. It checks that each
 * ran and wrote a sane report, never how fast anything was: figures on a shared machine are
 * measurements, not pass/fail.
 */
class BenchSmokeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyScenarioRunsAndWritesItsReport() throws Exception {
    Path log = dir.resolve("bench.out");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("parley.jar"),
        "bench", "all", "--smoke", "--out", dir.resolve("results").toString()));
    Process bench = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean finished = bench.waitFor(150, TimeUnit.SECONDS);
    if (!finished) {
      bench.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("finished in time; output:%n%s", out).isTrue();
    assertThat(bench.exitValue()).as("exit status; output:%n%s", out).isZero();
    assertThat(out).contains("pinning: ", "parley tcp / floor tcp: ", "parley ws / floor ws: ");

    JsonNode fanout = report("fanout-20");
    rows(fanout).forEach(r -> assertThat(r.path("delivered").asLong()).as(r.toString()).isPositive());
    rows(report("bigroom")).forEach(r -> assertThat(r.path("largest room").asLong()).as(r.toString()).isGreaterThanOrEqualTo(0));
    rows(report("rooms")).forEach(r -> assertThat(r.path("delivered/s").asDouble()).as(r.toString()).isPositive());
    rows(report("idle")).forEach(r -> assertThat(r.path("connections held").asLong()).as(r.toString()).isEqualTo(50));
    rows(report("sends")).forEach(r -> assertThat(r.path("acked sends/s").asDouble()).as(r.toString()).isPositive());
  }

  private JsonNode report(String scenario) throws IOException {
    File file = dir.resolve("results").resolve("bench-" + scenario + ".json").toFile();
    assertThat(file).exists();
    return JSON.readTree(file);
  }

  /** Every row, after checking that Parley and the floor are there on both transports. */
  private static List<JsonNode> rows(JsonNode report) {
    List<JsonNode> rows = new ArrayList<>();
    report.path("results").forEach(rows::add);
    assertThat(rows).extracting(r -> r.path("target").asText())
        .contains("parley tcp", "parley ws", "floor tcp", "floor ws");
    rows.forEach(r -> assertThat(r.path("note").asText()).as(r.toString()).doesNotStartWith("failed"));
    return rows;
  }
}
