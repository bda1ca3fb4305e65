package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.TestDatabase;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --postgres} and {@code user --postgres} as an operator runs them. */
class PostgresServeIT {
  @TempDir Path dataDir;
  private TestDatabase database;

  // After-each callbacks run in reverse order: the servers stop before the database is dropped.
  @RegisterExtension @Order(1) final AfterEachCallback dropDatabase = context -> {
    if (database != null) {
      database.close();
    }
  };
  @RegisterExtension @Order(2) final ServerProcesses servers = new ServerProcesses();

  @Test
  void anUnreachablePostgresIsOneLineNamingItAndExitsNonZero() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }

    CommandRun run = CommandRun.parley("serve", "--bind", "127.0.0.1", "--tcp-port", "0", "--http-port", "0",
        "--postgres", "postgresql://parley:s3cret@127.0.0.1:" + closedPort + "/parley");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stderrLines()).as("stderr").hasSize(1);
    assertThat(run.stderr())
        .startsWith("parley: --postgres: ")
        .contains("PostgreSQL", "postgresql://parley@127.0.0.1:" + closedPort + "/parley")
        .doesNotContain("s3cret", "Exception")
        .doesNotContainPattern("(?m)^\\s+at ");
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void anAccountTheOperatorAddsOnTheDatabaseLogsInToAServerOnIt() {
    database = TestDatabase.create();
    CommandRun add = CommandRun.parleyWithInput("a long password\n",
        "user", "add", "Alice", "--password-stdin", "--postgres", database.url());
    assertThat(add.exitCode()).as("stderr: %s", add.stderr()).isZero();
    assertThat(add.stdout()).isEqualTo("added Alice\n");

    ServerProcess server = servers.start(dataDir, "--postgres", database.url());

    try (WireClient c = WireClient.connect(server.tcpAddress())) {
      c.sendFrame("type", "hello", "user", "alice", "password", "a long password");
      JsonNode welcome = c.next();
      assertThat(welcome.path("type").asText()).as("%s", welcome).isEqualTo("welcome");
      assertThat(welcome.path("user").asText()).isEqualTo("Alice");
    }
    assertThat(CommandRun.parley("user", "list", "--postgres", database.url()).stdout()).isEqualTo("Alice\n");
    assertThat(dataDir.resolve("parley.db")).doesNotExist();
  }
}
