package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley chaos}, small: six library clients in two rooms over TCP and WebSocket while the
 * server it supervises is killed twice and frozen once. The verdict must be all zeros, and a dry
 * run with the same seed must print the same fault schedule. (Seeds and flags are unit-tested in
 * {@code chaos.FaultScheduleTest} and {@code chaos.ChaosCommandTest}.)
 */
class ChaosIT {
  private static final long SEED = 20261123L;
  private static final List<String> SMALL = List.of(
      "--clients", "6", "--rooms", "2", "--kills", "3", "--seed", String.valueOf(SEED),
      "--rate", "5", "--duration", "15s", "--heartbeat", "1", "--settle", "60s");

  @TempDir Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aSmallChaosRunLosesDuplicatesReordersAndSkipsNothing() throws Exception {
    Path json = dir.resolve("chaos.json");
    List<String> args = new ArrayList<>(List.of("chaos"));
    args.addAll(SMALL);
    args.addAll(List.of("--data-dir", dir.resolve("data").toString(), "--json", json.toString()));

    Finished run = run(args);
    System.out.println(run.stdout); // the table, in the test's report

    assertThat(run.exit).as("exit status; stdout:%n%s%nstderr:%n%s", run.stdout, run.stderr).isZero();
    assertThat(run.stdout).contains("chaos: PASS");
    JsonNode result = new ObjectMapper().readTree(json.toFile()).get("result");
    assertThat(result.get("acked").asLong()).isPositive().isEqualTo(result.get("started").asLong());
    assertThat(result.get("failed").asLong()).isZero();
    assertThat(result.get("neverAcked").asLong()).isZero();
    assertThat(result.get("lost").asLong()).isZero();
    assertThat(result.get("duplicated").asLong()).isZero();
    assertThat(result.get("outOfOrder").asLong()).isZero();
    assertThat(result.get("gaps").asLong()).isZero();
    assertThat(result.get("delivered").asLong()).isEqualTo(result.get("expected").asLong())
        .isEqualTo(result.get("acked").asLong() * 6); // every client is in both rooms
    assertThat(result.at("/store/stored").asLong()).isEqualTo(result.get("acked").asLong());
    List<String> faults = new ArrayList<>();
    result.get("faults").forEach(f -> faults.add(f.asText()));
    assertThat(faults).hasSize(3);
    assertThat(faults).anyMatch(f -> f.contains("SIGKILL")).anyMatch(f -> f.contains("SIGSTOP"));
    assertThat(Files.readString(dir.resolve("data").resolve("server.log"), StandardCharsets.UTF_8))
        .as("three servers started").containsPattern("(?s)(---- .*){3}");

    List<String> dryRun = planLines(run(withDryRun(SMALL)).stdout);
    assertThat(planLines(run.stdout)).hasSize(4).isEqualTo(dryRun);
  }

  private static List<String> withDryRun(List<String> options) {
    List<String> args = new ArrayList<>(List.of("chaos", "--dry-run"));
    args.addAll(options);
    return args;
  }

  /** The header and the "fault N at …" lines: what the seed decides. */
  private static List<String> planLines(String stdout) {
    return stdout.lines().filter(l -> l.startsWith("chaos: seed") || l.startsWith("fault ")).toList();
  }

  private record Finished(int exit, String stdout, String stderr) {}

  /** {@code java -jar parley.jar ARGS}; SIGTERM when it overruns, so it stops its server too. */
  private Finished run(List<String> args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = new ProcessBuilder(ServerProcess.javaCommand(args))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(200, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      fail("chaos still running after 200 s; stdout:%n%s", Files.readString(out));
    }
    return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
