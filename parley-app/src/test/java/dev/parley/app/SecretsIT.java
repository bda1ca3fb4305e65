package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password and no token is ever written in clear: not in the server's output (logs at the
 * most detailed level we ship) and not in any file of the data directory, WAL included.
 */
class SecretsIT {
  private static final String PASSWORD = "Tr0ub4dor&3-unmistakable";

  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;

  @Test
  void passwordsAndTokensAppearNowhereInClear() throws IOException {
    ServerProcess server = servers.start(dataDir, "--rate", "1000");
    String token;
    try (WireClient alice = WireClient.connect(server.tcpAddress())) {
      alice.sendFrame("type", "register", "user", "alice", "password", PASSWORD);
      token = alice.expect("welcome").path("token").asText();
      alice.sendFrame("type", "hello", "user", "alice", "password", "wrong " + PASSWORD);
      alice.expectError("bad_request");
    }
    try (WireClient again = WireClient.connect(server.tcpAddress())) {
      again.sendFrame("type", "hello", "token", token);
      again.expect("welcome");
      again.sendFrame("type", "logout");
      JsonNode bye = again.expect("bye");
      assertThat(bye.path("reason").asText()).isEqualTo("logout");
    }
    try (WireClient third = WireClient.connect(server.tcpAddress())) {
      third.sendFrame("type", "hello", "token", token);
      assertThat(third.expectError("auth_failed").path("type").asText()).isEqualTo("error");
    }
    server.kill9(); // the WAL is left as it is, unmerged: it must be clean too

    String output = String.join("\n", server.stdoutLines()) + server.stderr();
    assertThat(output).doesNotContain(PASSWORD).doesNotContain(token);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(bytes).as("contents of %s", file).doesNotContain(PASSWORD).doesNotContain(token);
    }
  }
}
