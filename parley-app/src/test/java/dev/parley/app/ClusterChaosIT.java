package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley chaos --nodes 3}, small: six library clients, each knowing all three nodes and
 * starting on a different one, chat in two rooms for 20 s on the machine's PostgreSQL and Redis
 * while one node is killed (and restarted later as a new node), one is frozen and the cluster's
 * Redis subscribers are dropped. The verdict must be all zeros, the store audit (on PostgreSQL)
 * clean, and the run's own database gone afterwards.
 */
class ClusterChaosIT {
  private static final Pattern DATABASE = Pattern.compile("database postgresql://[^ ]*/(parley_chaos_[0-9a-f]+)");

  @TempDir Path dir;
  private String database; // the run's database, as it printed it

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aThreeNodeChaosRunLosesDuplicatesReordersAndSkipsNothing() throws Exception {
    TestDatabase.create().close(); // starts PostgreSQL (scripts/start-services.sh) if it is down
    Path json = dir.resolve("chaos.json");
    Finished run = run(List.of("chaos", "--nodes", "3", "--clients", "6", "--rooms", "2", "--kills", "3",
        "--seed", "20261124", "--rate", "5", "--duration", "20s", "--heartbeat", "1", "--settle", "60s",
        "--data-dir", dir.resolve("data").toString(), "--json", json.toString()));
    System.out.println(run.stdout); // the table, in the test's report
    Matcher named = DATABASE.matcher(run.stdout);
    database = named.find() ? named.group(1) : null;

    assertThat(run.exit).as("exit status; stdout:%n%s%nstderr:%n%s", run.stdout, run.stderr).isZero();
    assertThat(run.stdout).contains("chaos: PASS");
    JsonNode result = new ObjectMapper().readTree(json.toFile()).get("result");
    assertThat(result.get("nodes").asInt()).isEqualTo(3);
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
    assertThat(result.get("kills").asLong()).as("kills").isGreaterThanOrEqualTo(1);
    assertThat(result.get("subscriberDrops").asLong()).as("subscriber drops").isGreaterThanOrEqualTo(1);
    assertThat(result.get("subscribersDropped").asLong()).as("subscribed connections killed").isGreaterThanOrEqualTo(2);
    assertThat(result.get("reconnects").asLong()).as("clients of the killed node moved").isGreaterThanOrEqualTo(1);
    // a killed node comes back later, as a new node
    assertThat(run.stdout).containsPattern("SIGKILL; restarted at .* as \\S+, listening at");
    for (int k = 1; k <= 3; k++) {
      assertThat(dir.resolve("data").resolve("node-" + k + ".log")).exists();
    }
    assertThat(database).as("the run names its database").isNotNull();
    assertThat(exists(database)).as("database %s dropped after a run that passed", database).isFalse();
  }

  /** A failed run keeps its database for inspection; the test's own clean-up drops it. */
  @AfterEach
  void dropTheRunsDatabase() throws SQLException {
    if (database != null && exists(database)) {
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private static boolean exists(String name) throws SQLException {
    try (Connection c = adminConnection();
        PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = adminConnection(); var s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Connection adminConnection() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + TestDatabase.HOST + ":" + TestDatabase.PORT + "/postgres",
        TestDatabase.USER, null);
  }

  private record Finished(int exit, String stdout, String stderr) {}

  /** {@code java -jar parley.jar ARGS}; SIGTERM when it overruns, so it stops its nodes too. */
  private Finished run(List<String> args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = new ProcessBuilder(ServerProcess.javaCommand(new ArrayList<>(args)))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(130, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      fail("chaos still running after 130 s; stdout:%n%s", Files.readString(out));
    }
    return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
