package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive {@code parley chat}, driven through real pseudo-terminals: each user's client
 * runs in a tmux session; the test types with {@code send-keys} and reads the screen with
 * {@code capture-pane}.
 */
class TerminalChatIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;
  private final Tmux tmux = new Tmux();
  private ServerProcess server;

  @BeforeAll
  static void needsTmux() {
    Tmux.ensureInstalled();
  }

  @AfterEach
  void closeTerminals() {
    tmux.close();
  }

  /** Starts {@code user}'s client, registers with a password typed at the prompt, joins {@code room}. */
  private void open(String user, String room) {
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

  private long timesSeen(String user, String text) {
    return tmux.history(user).stream().filter(row -> row.contains(text)).count();
  }

  @Test
  void twoPeopleChatJoinRoomsSendPrivateMessagesAndQuit() {
    server = servers.start(dataDir);
    open("alice", "lobby");
    open("bob", "lobby");
    assertThat(tmux.history("alice")).noneMatch(row -> row.contains("alice-secret"));

    tmux.line("alice", "hello bob");
    awaitScreen("bob", "[lobby] alice: hello bob");

    tmux.line("bob", "/join side");
    await().atMost(WAIT).until(() -> tmux.lastLine("bob").equals("side>"));
    tmux.line("alice", "/join side");
    await().atMost(WAIT).until(() -> tmux.lastLine("alice").equals("side>"));
    tmux.line("alice", "over here");
    awaitScreen("bob", "[side] alice: over here");

    tmux.line("alice", "/msg bob psst");
    awaitScreen("bob", "[@alice] alice: psst");
    tmux.line("bob", "/who");
    awaitScreen("bob", "in side: alice, bob");

    tmux.line("alice", "/quit");
    await().atMost(WAIT).until(() -> tmux.exitStatus("alice") != null);
    assertThat(tmux.exitStatus("alice")).isZero();
    awaitScreen("bob", "* alice left side");
  }

  @Test
  void incomingMessagesPrintAboveThePromptWithoutTouchingWhatIsBeingTyped() {
    server = servers.start(dataDir);
    open("alice", "lobby");
    open("bob", "lobby");

    tmux.type("alice", "half a thou");
    for (int i = 1; i <= 8; i++) {
      tmux.line("bob", "line " + i + " from bob");
    }
    awaitScreen("alice", "[lobby] bob: line 8 from bob");

    assertThat(tmux.lastLine("alice")).isEqualTo("lobby> half a thou");
    List<String> screen = tmux.screen("alice");
    for (int i = 1; i <= 8; i++) {
      String expected = "[lobby] bob: line " + i + " from bob";
      assertThat(screen).filteredOn(row -> row.contains(expected)).singleElement()
          .satisfies(row -> assertThat(row).matches("\\d\\d:\\d\\d #\\d+ \\Q" + expected + "\\E"));
    }
    tmux.type("alice", "ght");
    tmux.enter("alice");
    awaitScreen("bob", "[lobby] alice: half a thought");
  }

  @Test
  void eachUserHasTheirOwnColour() {
    server = servers.start(dataDir);
    open("alice", "lobby");
    open("bob", "lobby");
    tmux.line("alice", "from alice");
    tmux.line("bob", "from bob");
    awaitScreen("bob", "alice: from alice");
    awaitScreen("bob", "bob: from bob");

    String coloured = tmux.screenWithColours("bob");
    assertThat(styleBefore(coloured, "alice: from alice")).isNotEmpty()
        .isNotEqualTo(styleBefore(coloured, "bob: from bob"));
  }

  /** The escape sequence that sets the style of {@code text}'s first word on screen. */
  private static String styleBefore(String screen, String text) {
    String name = text.substring(0, text.indexOf(':'));
    Matcher m = Pattern.compile("((?:\u001b\\[[0-9;]*m)+)" + Pattern.quote(name) + "(\u001b\\[[0-9;]*m)*"
        + Pattern.quote(text.substring(name.length()))).matcher(screen);
    return m.find() ? m.group(1) : "";
  }

  @Test
  void theServerIsKilledAndRestartedUnderneathAndNothingIsLostOrRepeated() {
    server = servers.startOnPort(dataDir, ServerProcess.freePort());
    open("alice", "lobby");
    open("bob", "lobby");
    tmux.line("alice", "before the crash");
    awaitScreen("bob", "alice: before the crash");

    server.kill9();
    awaitScreen("alice", "* disconnected");
    await().atMost(WAIT).until(() -> tmux.lastLine("alice").equals("lobby (reconnecting)>"));
    tmux.line("alice", "typed while the server was down");
    server = servers.startAgain(server);
    awaitScreen("alice", "* connected");
    awaitScreen("bob", "alice: typed while the server was down");

    server = servers.killAndRestart(server);
    tmux.line("bob", "after the second restart");
    awaitScreen("alice", "bob: after the second restart");
    tmux.line("alice", "still here");
    awaitScreen("bob", "alice: still here");

    for (String text : List.of("alice: before the crash", "alice: typed while the server was down",
        "bob: after the second restart", "alice: still here")) {
      assertThat(timesSeen("alice", text)).as("alice sees %s", text).isEqualTo(1);
      assertThat(timesSeen("bob", text)).as("bob sees %s", text).isEqualTo(1);
    }
    assertThat(tmux.lastLine("alice")).isEqualTo("lobby>");
  }
}
