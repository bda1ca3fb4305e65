package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley chat} without a terminal: each input line is sent to the first room, each new
 * message printed as {@code [room] user: text}, and it exits once input ends and every line is
 * acknowledged.
 */
class PipeChatIT {
  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;

  private static String server(ServerProcess server) {
    return "127.0.0.1:" + server.tcpAddress().getPort();
  }

  /** Waits until {@code user} is in {@code room}, asking the server with a raw client. */
  private static void awaitMember(InetSocketAddress address, String room, String user) {
    try (WireClient probe = WireClient.guest(address, "probe")) {
      await().atMost(ChatProcess.WAIT).until(() -> {
        probe.sendFrame("type", "who", "room", room);
        JsonNode who = probe.expect("who");
        return who.path("members").toString().contains("\"" + user + "\"");
      });
    }
  }

  @Test
  void echoHiSendsTheLinePrintsItAndExits() {
    ServerProcess server = servers.start(dataDir);
    try (ChatProcess bot = ChatProcess.start("--server", server(server), "--user", "bot", "--room", "1001")) {
      bot.type("hi\n");
      bot.closeInput();

      assertThat(bot.awaitExit()).as(bot.stderr()).isZero();
      assertThat(bot.stdout()).containsExactly("[1001] bot: hi");
    }
  }

  @Test
  void withSeveralServersAClosedFirstOneIsSkipped() {
    ServerProcess server = servers.start(dataDir);
    String closed = "127.0.0.1:" + ServerProcess.freePort();
    try (ChatProcess bot =
        ChatProcess.start("--server", closed + "," + server(server), "--user", "bot", "--room", "1001")) {
      bot.type("hi\n");
      bot.closeInput();

      assertThat(bot.awaitExit()).as(bot.stderr()).isZero();
      assertThat(bot.stdout()).containsExactly("[1001] bot: hi");
    }
  }

  @Test
  void aWatcherPrintsWhatOthersSayOneLineEachAndNotTheOldHistory() {
    ServerProcess server = servers.start(dataDir);
    try (ChatProcess early = ChatProcess.start("--server", server(server), "--user", "early", "--room", "1001")) {
      early.type("old news\n");
      early.closeInput();
      assertThat(early.awaitExit()).isZero();
    }
    try (ChatProcess watcher = ChatProcess.start("--server", server(server), "--user", "watcher", "--room", "1001");
        ChatProcess bot = ChatProcess.start("--server", server(server), "--user", "bot", "--room", "1001")) {
      awaitMember(server.tcpAddress(), "1001", "watcher");
      bot.type("hello\nC:\\temp\n");
      bot.closeInput();
      assertThat(bot.awaitExit()).isZero();

      watcher.awaitLine("[1001] bot: C:\\\\temp"); // a backslash is doubled, a newline written \\n
      watcher.closeInput();
      assertThat(watcher.awaitExit()).isZero();
      assertThat(watcher.stdout()).containsExactly("[1001] bot: hello", "[1001] bot: C:\\\\temp");
    }
  }

  @Test
  void theServerFlagTakesAWebSocketUri() {
    ServerProcess server = servers.start(dataDir);
    String ws = "ws://127.0.0.1:" + server.httpPort() + "/ws";
    try (ChatProcess bot = ChatProcess.start("--server", ws, "--user", "bot", "--room", "1001")) {
      bot.type("over WebSocket\n");
      bot.closeInput();

      assertThat(bot.awaitExit()).as(bot.stderr()).isZero();
      assertThat(bot.stdout()).containsExactly("[1001] bot: over WebSocket");
    }
  }

  @Test
  void aPasswordFromStandardInputRegistersAndLogsIn() {
    ServerProcess server = servers.start(dataDir);
    try (ChatProcess dave = ChatProcess.start(
        "--server", server(server), "--user", "dave", "--register", "--password-stdin", "--room", "r1")) {
      dave.type("correct horse\nfirst\n");
      dave.closeInput();
      assertThat(dave.awaitExit()).as(dave.stderr()).isZero();
      assertThat(dave.stdout()).containsExactly("[r1] dave: first");
    }
    try (ChatProcess dave = ChatProcess.start(
        "--server", server(server), "--user", "dave", "--password-stdin", "--room", "r1")) {
      dave.type("correct horse\nsecond\n");
      dave.closeInput();
      assertThat(dave.awaitExit()).isZero();
    }
    try (ChatProcess impostor = ChatProcess.start(
        "--server", server(server), "--user", "dave", "--password-stdin", "--room", "r1")) {
      impostor.type("wrong password\nthird\n");
      impostor.closeInput();
      assertThat(impostor.awaitExit()).isEqualTo(1);
      assertThat(impostor.stderr().lines().toList()).hasSize(1).allMatch(l -> l.startsWith("parley: ") && l.contains("auth_failed"));
      assertThat(impostor.stdout()).isEmpty();
    }
  }

  @Test
  void aWatcherPrintsEachMessageOnceWhileTheServerIsKilledAndRestarted() {
    ServerProcess server = servers.startOnPort(dataDir, ServerProcess.freePort());
    String address = server(server);
    try (ChatProcess watcher = ChatProcess.start("--server", address, "--user", "watcher", "--room", "1001")) {
      awaitMember(server.tcpAddress(), "1001", "watcher");
      for (int round = 1; round <= 3; round++) {
        try (ChatProcess bot = ChatProcess.start("--server", address, "--user", "bot", "--room", "1001")) {
          bot.type("round " + round + "\n");
          bot.closeInput();
          assertThat(bot.awaitExit()).isZero();
        }
        watcher.awaitLine("[1001] bot: round " + round);
        server = servers.killAndRestart(server);
      }
      try (ChatProcess bot = ChatProcess.start("--server", address, "--user", "bot", "--room", "1001")) {
        bot.type("after the last restart\n");
        bot.closeInput();
        assertThat(bot.awaitExit()).isZero();
      }
      watcher.awaitLine("[1001] bot: after the last restart");
      watcher.closeInput();
      assertThat(watcher.awaitExit()).isZero();
      List<String> lines = watcher.stdout();
      assertThat(lines).containsExactly(
          "[1001] bot: round 1", "[1001] bot: round 2", "[1001] bot: round 3", "[1001] bot: after the last restart");
      assertThat(Collections.frequency(lines, "[1001] bot: round 1")).isEqualTo(1);
    }
  }

  @Test
  void linesWithoutARoomAreAUsageErrorOfOneLine() {
    ServerProcess server = servers.start(dataDir);
    try (ChatProcess bot = ChatProcess.start("--server", server(server), "--user", "bot")) {
      bot.type("hi\n");
      bot.closeInput();
      assertThat(bot.awaitExit()).isEqualTo(1);
      assertThat(bot.stderr()).isEqualTo("parley: no room to send to: give --room ROOM\n");
    }
  }
}
