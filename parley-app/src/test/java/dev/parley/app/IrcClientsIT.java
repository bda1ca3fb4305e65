package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real IRC clients, irssi and WeeChat, in tmux against a real server with {@code --irc-port}:
 * each logs in with SASL, joins #1001 and shows its history with the messages' own times,
 * talks with a JSON-lines client, and rides out a {@code kill -9} and restart of the server. The
 * last screen of each is saved to {@code target/screens/}.
 */
class IrcClientsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  // Browsers are closed (and pictured, after a failure) before the servers stop.
  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dataDir;
  /**
   * The client's own home (config, logs), under target/ rather than a JUnit temporary directory:
   * irssi and WeeChat still write there while tmux takes them down after the test.
   */
  private final Path home = newHome();
  private final Tmux tmux = new Tmux();
  private ServerProcess server;
  private int ircPort;

  private static Path newHome() {
    try {
      Files.createDirectories(Path.of("target", "irc-homes"));
      return Files.createTempDirectory(Path.of("target", "irc-homes"), "client").toAbsolutePath();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void needsTmux() {
    Tmux.ensureInstalled();
  }

  @AfterEach
  void closeTerminals() {
    tmux.close();
  }

  @Test
  void irssiChatsWithTheRoomAndSurvivesARestart() {
    String before = startServerWithHistory();
    writeIrssiConfig();
    tmux.start("irssi", List.of("irssi", "--home=" + home, "-n", "alice"));
    awaitScreen("irssi", "\\[\\(status\\)\\]"); // the prompt: ready for input
    tmux.line("irssi", "/set server_reconnect_time 1");
    tmux.line("irssi", "/set show_server_time on");
    tmux.line("irssi", "/set timestamp_format %H:%M:%S");
    tmux.line("irssi", "/network add -sasl_mechanism plain -sasl_username alice -sasl_password alice-secret parley");
    tmux.line("irssi", "/server add -network parley 127.0.0.1 " + ircPort);
    tmux.line("irssi", "/connect parley");
    awaitScreen("irssi", "SASL authentication succeeded");
    awaitScreen("irssi", "End of /MOTD");
    tmux.line("irssi", "/join #1001");
    awaitScreen("irssi", Pattern.quote(before) + " <[@ ]?bob> written before alice came");

    chatAndRestart("irssi", "bob> ");
  }

  @Test
  void weechatChatsWithTheRoomAndSurvivesARestart() {
    String before = startServerWithHistory();
    startWeechat();
    awaitScreen("weechat", "\\[core\\] 1:weechat"); // the status bar: ready for input
    tmux.line("weechat", "/server add parley 127.0.0.1/" + ircPort + " -notls -nicks=alice -sasl_mechanism=plain"
        + " -sasl_username=alice -sasl_password=alice-secret -autoreconnect_delay=1");
    tmux.line("weechat", "/connect parley");
    awaitScreen("weechat", "SASL authentication successful");
    tmux.line("weechat", "/join #1001");
    awaitScreen("weechat", Pattern.quote(before) + " +@?bob \\| written before alice came");

    chatAndRestart("weechat", "bob | ");
  }

  @Test
  void weechatAndTheWebPageChatInOneRoom() {
    startServerWithHistory();
    ChatPage ann = ChatPage.open(browsers.start(), server).enterAsGuest("ann").join("1001");
    startWeechat();
    awaitScreen("weechat", "\\[core\\] 1:weechat"); // the status bar: ready for input
    tmux.line("weechat", "/server add parley 127.0.0.1/" + ircPort + " -notls -nicks=alice -sasl_mechanism=plain"
        + " -sasl_username=alice -sasl_password=alice-secret");
    tmux.line("weechat", "/connect parley");
    awaitScreen("weechat", "SASL authentication successful");
    tmux.line("weechat", "/join #1001");
    awaitScreen("weechat", "Channel #1001: 2 nicks");
    ann.say("hi from the web page");
    awaitScreen("weechat", Pattern.quote("ann | hi from the web page"));
    tmux.line("weechat", "hi from weechat");
    ann.awaitMessage("alice", "hi from weechat");
    saveScreen("weechat", "weechat-web");
  }

  /** A server with an IRC port of its own (kept across restarts) and bob's message in 1001. */
  private String startServerWithHistory() {
    ircPort = ServerProcess.freePort();
    server = servers.startOnPort(dataDir, ServerProcess.freePort(), "--irc-port", String.valueOf(ircPort));
    assertThat(server.stdoutLines()).anyMatch(l -> l.endsWith(" irc=127.0.0.1:" + ircPort));
    WireClient.register(server.tcpAddress(), "alice", "alice-secret").close();
    try (WireClient bob = WireClient.register(server.tcpAddress(), "bob", "bob-secret")) {
      Chat.join(bob, "1001");
      JsonNode ack = Chat.send(bob, "1001", "written before alice came", "b-1");
      return CLOCK.format(Instant.ofEpochMilli(ack.path("ts").asLong()));
    }
  }

  /** Messages both ways with a TCP client, then the server killed and restarted underneath. */
  private void chatAndRestart(String client, String fromBob) {
    try (WireClient bob = logIn("bob")) {
      join(bob);
      tmux.line(client, "hello from " + client);
      assertThat(Chat.awaitText(bob, "1001", "hello from " + client).path("from").asText()).isEqualTo("alice");
      Chat.say(bob, "1001", "hello " + client + ", from tcp", "b-2");
      awaitScreen(client, Pattern.quote(fromBob + "hello " + client + ", from tcp"));
    }
    server = servers.killAndRestart(server);
    try (WireClient bob = logIn("bob")) {
      join(bob);
      Chat.say(bob, "1001", "after the restart", "b-3");
      awaitScreen(client, Pattern.quote(fromBob + "after the restart"));
      tmux.line(client, "back again");
      try {
        assertThat(Chat.awaitText(bob, "1001", "back again").path("from").asText()).isEqualTo("alice");
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + client + "'s screen:\n" + String.join("\n", tmux.screen(client)), e);
      }
    }
    saveScreen(client, client);
  }

  /** No paste prompt in irssi when typed lines come quickly; the rest is typed as a user would. */
  private void writeIrssiConfig() {
    try {
      Files.writeString(home.resolve("config"), "settings = { \"fe-text\" = { paste_verify_line_count = \"0\"; }; };\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** WeeChat with its own home, no scripts, and no paste prompt when typed lines come quickly. */
  private void startWeechat() {
    tmux.start("weechat", List.of(
        "weechat", "--dir", home.toString(), "--no-script", "-r", "/set weechat.look.paste_max_lines -1"));
  }

  /** Joins 1001, letting frames of others (alice's client may rejoin meanwhile) pass by. */
  private static void join(WireClient client) {
    client.sendFrame("type", "join", "room", "1001", "ref", "j");
    Chat.awaitFrame(client, "joined", "j");
  }

  private WireClient logIn(String user) {
    WireClient client = WireClient.connect(tcp());
    client.sendFrame("type", "hello", "user", user, "password", user + "-secret");
    client.expect("welcome");
    return client;
  }

  private InetSocketAddress tcp() {
    return server.tcpAddress();
  }

  private void awaitScreen(String client, String regex) {
    Pattern pattern = Pattern.compile(".*" + regex + ".*");
    try {
      await().atMost(WAIT).alias(client + "'s screen shows " + regex)
          .until(() -> tmux.screen(client).stream().anyMatch(row -> pattern.matcher(row).matches()));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + client + "'s screen:\n" + String.join("\n", tmux.screen(client)), e);
    }
  }

  private void saveScreen(String client, String file) {
    try {
      Path screens = Path.of("target", "screens");
      Files.createDirectories(screens);
      Files.writeString(screens.resolve(file + ".txt"), String.join("\n", tmux.screen(client)) + "\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
