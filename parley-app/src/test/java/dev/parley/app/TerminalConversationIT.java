package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation features of the interactive {@code parley chat}, two users in real terminals
 * (tmux): what one does with {@code /edit}, {@code /delete} and {@code /topic} shows on the
 * other's screen, {@code /search} lists what the other wrote, and typing shows in the status.
 */
class TerminalConversationIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;
  private final Tmux tmux = new Tmux();

  @BeforeAll
  static void needsTmux() {
    Tmux.ensureInstalled();
  }

  @AfterEach
  void closeTerminals() {
    tmux.close();
  }

  private void open(ServerProcess server, String user, String room) {
    List<String> args = new ArrayList<>(List.of("chat", "--server", "127.0.0.1:" + server.tcpAddress().getPort()));
    args.addAll(List.of("--user", user, "--register", "--room", room));
    tmux.start(user, ServerProcess.javaCommand(args));
    awaitScreen(user, "Password for " + user);
    tmux.line(user, user + "-secret");
    awaitScreen(user, "* joined " + room);
    await().atMost(WAIT).until(() -> tmux.lastLine(user).equals(room + ">"));
  }

  private void awaitScreen(String user, String text) {
    await().atMost(WAIT).alias(user + "'s screen shows " + text)
        .until(() -> String.join("\n", tmux.screen(user)).contains(text));
  }

  @Test
  void whatOneUserEditsDeletesAndSetsShowsOnTheOthersScreenAndSearchFindsIt() {
    ServerProcess server = servers.start(dataDir);
    open(server, "alice", "lobby"); // the first registered user in the room: its owner
    open(server, "bob", "lobby");

    tmux.line("alice", "helo bob");
    awaitScreen("bob", "#1 [lobby] alice: helo bob");
    tmux.line("alice", "/edit hello bob");
    awaitScreen("bob", "[lobby] * alice edited #1: hello bob");
    tmux.line("alice", "deploy on friday?");
    awaitScreen("bob", "#3 [lobby] alice: deploy on friday?");
    tmux.line("alice", "/delete 1");
    awaitScreen("bob", "[lobby] * alice deleted #1");

    tmux.line("bob", "/search Friday deploy");
    awaitScreen("bob", "1 message with Friday deploy");
    await().atMost(WAIT).until(() -> tmux.screen("bob").stream().anyMatch(row ->
        row.matches("\\s*#3  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  alice: deploy on friday\\?")));
    tmux.line("bob", "/search hello");
    awaitScreen("bob", "0 messages with hello");

    tmux.line("alice", "/topic Release day");
    awaitScreen("bob", "* alice set the topic of lobby: Release day");
    await().atMost(WAIT).until(() -> tmux.lastLine("bob").matches("lobby>\\s+Release day"));
    tmux.line("bob", "/topic mine now");
    awaitScreen("bob", "cannot set the topic of lobby: forbidden");

    tmux.type("bob", "half a sentence");
    await().atMost(WAIT).until(() -> tmux.lastLine("alice").matches("lobby>\\s+bob is typing… \\| Release day"));
    tmux.enter("bob");
    awaitScreen("alice", "[lobby] bob: half a sentence");
    await().atMost(WAIT).until(() -> tmux.lastLine("alice").matches("lobby>\\s+Release day"));
  }

  @Test
  void withoutAnIdEditAndDeleteChangeTheUsersOwnLastMessageAndHelpListsThem() {
    ServerProcess server = servers.start(dataDir);
    open(server, "alice", "lobby");
    open(server, "bob", "lobby");

    tmux.line("alice", "first");
    awaitScreen("bob", "#1 [lobby] alice: first");
    tmux.line("bob", "from bob");
    awaitScreen("alice", "#2 [lobby] bob: from bob");
    tmux.line("alice", "secnod");
    awaitScreen("alice", "#3 [lobby] alice: secnod");
    tmux.line("alice", "/edit second");
    awaitScreen("bob", "* alice edited #3: second");
    tmux.line("alice", "/delete");
    awaitScreen("bob", "* alice deleted #3");
    awaitScreen("alice", "* alice deleted #3"); // it is no longer alice's last message
    tmux.line("alice", "/delete");
    awaitScreen("bob", "* alice deleted #1");
    tmux.line("bob", "/edit 1 not mine");
    awaitScreen("bob", "not sent (the edit of #1): ");

    tmux.line("alice", "/help");
    for (String command : List.of("/edit [ID] TEXT", "/delete [ID]", "/topic [TEXT]", "/search WORDS")) {
      awaitScreen("alice", command);
    }
  }
}
