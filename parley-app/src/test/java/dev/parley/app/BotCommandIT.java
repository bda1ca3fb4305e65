package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley bot}, the seed's auto-reply bot, as a real process against a real server: its
 * rules end to end, two bots in one room, and exactly one reply per message across a SIGKILL of
 * the bot and across a SIGKILL and restart of the server.
 */
class BotCommandIT {
  private static final String PASSWORD = "bot password";
  private static final String PUZZLED = "不知道你在说什么!";
  /** Messages sent before a kill. */
  private static final int COUNT = 120;

  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;
  @TempDir Path stateDir;
  private final List<BotProcess> bots = new ArrayList<>();
  private final List<WireClient> people = new ArrayList<>();

  @AfterEach
  void stopAll() {
    bots.forEach(BotProcess::close);
    people.forEach(WireClient::close);
  }

  private static String server(ServerProcess server) {
    return "127.0.0.1:" + server.tcpAddress().getPort();
  }

  /** The seed's bot, logged in (and registered, the first time) as a bot account. */
  private BotProcess startBot(ServerProcess server, String name, String... more) {
    List<String> args = new ArrayList<>(List.of("--server", server(server), "--user", name, "--register",
        "--password-stdin", "--room", "lobby", "--seed", "7", "--state", stateDir.resolve(name + ".json").toString()));
    args.addAll(List.of(more));
    BotProcess bot = BotProcess.start(PASSWORD, args.toArray(String[]::new));
    bots.add(bot);
    return bot.awaitStarted();
  }

  private WireClient person(InetSocketAddress address, String name) {
    WireClient c = WireClient.guest(address, name);
    people.add(c);
    c.sendFrame("type", "join", "room", "lobby");
    c.expect("joined");
    return c;
  }

  private int refs;

  /** Sends each text (with a fresh ref) and reads its ack (not the msgs: others' frames are interleaved). */
  private void say(WireClient c, List<String> texts) {
    for (String text : texts) {
      c.sendFrame("type", "send", "room", "lobby", "text", text, "ref", "p" + ++refs);
    }
    int acks = 0;
    for (int frames = 0; acks < texts.size() && frames < 10 * texts.size() + 100; frames++) {
      if (c.next().path("type").asText().equals("ack")) {
        acks++;
      }
    }
    assertThat(acks).isEqualTo(texts.size());
  }

  /** Every message of the room, oldest first, read afresh by a new connection, page by page. */
  private static List<JsonNode> room(InetSocketAddress address) {
    try (WireClient reader = WireClient.guest(address, "reader")) {
      List<JsonNode> all = new ArrayList<>();
      long before = Long.MAX_VALUE;
      for (int page = 0; page < 20; page++) {
        reader.sendFrame("type", "history", "room", "lobby", "before", before, "limit", 200, "ref", "h" + page);
        JsonNode history = reader.expect("history");
        List<JsonNode> older = new ArrayList<>();
        history.path("messages").forEach(older::add);
        all.addAll(0, older);
        if (!history.path("more").asBoolean() || older.isEmpty()) {
          break;
        }
        before = older.get(0).path("id").asLong();
      }
      return all;
    }
  }

  private static List<JsonNode> from(List<JsonNode> messages, String user) {
    return messages.stream().filter(m -> m.path("from").asText().equals(user)).toList();
  }

  /** Waits until the room holds {@code n} messages from {@code user}, then until nothing more comes. */
  private static List<JsonNode> awaitSettled(InetSocketAddress address, String user, int n) {
    await().atMost(BotProcess.WAIT).pollInterval(Duration.ofMillis(300))
        .until(() -> from(room(address), user).size() >= n);
    int[] last = {-1};
    await().atMost(BotProcess.WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
      int now = room(address).size();
      boolean same = now == last[0];
      last[0] = now;
      return same;
    });
    return room(address);
  }

  @Test
  void eachRuleEndToEnd() {
    ServerProcess server = servers.start(dataDir);
    BotProcess bot = startBot(server, "seedbot");
    WireClient alice = person(server.tcpAddress(), "alice");

    say(alice, List.of("1", "2", "3", "4", "hello", "hello", "hello", "hello", "hello", "hello"));

    List<JsonNode> replies = from(awaitSettled(server.tcpAddress(), "seedbot", 10), "seedbot");
    assertThat(replies).hasSize(10).allMatch(m -> m.path("bot").asBoolean());
    assertThat(replies.subList(0, 4)).extracting(m -> m.path("text").asText())
        .containsExactly("你猜!", "谢谢!", "对不起!", "好的!");
    assertThat(replies.subList(4, 10)).extracting(m -> m.path("text").asText()).allMatch(t -> t.equals("hello") || t.equals(PUZZLED));
    assertThat(bot.replies()).hasSize(10).first().asString().matches("\\[lobby\\] #1 alice: 1 -> #\\d+ 你猜!");
  }

  @Test
  void twoBotsAnswerThePersonOnceEachAndNeverEachOther() {
    ServerProcess server = servers.start(dataDir);
    startBot(server, "seedbot");
    startBot(server, "otherbot");
    WireClient alice = person(server.tcpAddress(), "alice");

    say(alice, List.of("hello bots"));

    List<JsonNode> all = awaitSettled(server.tcpAddress(), "otherbot", 1);
    assertThat(all).hasSize(3);
    assertThat(from(all, "seedbot")).hasSize(1);
    assertThat(from(all, "otherbot")).hasSize(1);
  }

  @Test
  void exactlyOneReplyPerMessageAcrossASigkillOfTheBot() throws Exception {
    ServerProcess server = servers.start(dataDir, "--rate", "1000");
    BotProcess first = startBot(server, "seedbot");
    WireClient alice = person(server.tcpAddress(), "alice");
    List<String> texts = new ArrayList<>();
    for (int i = 1; i <= COUNT; i++) { // past the client's burst of 40: the rest go 20 a second
      texts.add("message " + i);
    }
    say(alice, texts);
    await().atMost(BotProcess.WAIT).until(() -> first.replies().size() >= 5);
    first.kill9();
    assertThat(first.replies()).hasSizeLessThan(COUNT); // killed part way

    say(alice, List.of("while it was down"));
    startBot(server, "seedbot");

    assertExactlyOneReplyEach(awaitSettled(server.tcpAddress(), "seedbot", COUNT + 1), "alice", "seedbot");
    assertThat(Files.readString(stateDir.resolve("seedbot.json"))).contains("\"lobby\":");
  }

  @Test
  void exactlyOneReplyPerMessageAcrossASigkillAndRestartOfTheServer() {
    int port = ServerProcess.freePort();
    ServerProcess server = servers.startOnPort(dataDir, port, "--rate", "1000");
    BotProcess bot = startBot(server, "seedbot");
    WireClient alice = person(server.tcpAddress(), "alice");
    List<String> texts = new ArrayList<>();
    for (int i = 1; i <= COUNT; i++) { // past the client's burst of 40: the rest go 20 a second
      texts.add("message " + i);
    }
    say(alice, texts);
    await().atMost(BotProcess.WAIT).until(() -> bot.replies().size() >= 5);
    ServerProcess again = servers.killAndRestart(server);

    WireClient bob = person(again.tcpAddress(), "bob");
    say(bob, List.of("after the restart"));

    assertExactlyOneReplyEach(awaitSettled(again.tcpAddress(), "seedbot", COUNT + 1), "alice", "seedbot");
    assertThat(bot.stderr()).contains("reconnecting");
  }

  @Test
  void badFlagsAndABrokenStateFileAreOneLineNoStackTrace() throws Exception {
    CommandRun noRoom = CommandRun.parley("bot", "--user", "seedbot");
    assertThat(noRoom.exitCode()).isEqualTo(2);
    assertThat(noRoom.stderrLines().get(0)).startsWith("parley: ").contains("--room");
    assertThat(noRoom.stderr()).doesNotContain("Exception");

    CommandRun badRoom = CommandRun.parley("bot", "--user", "seedbot", "--room", "dm:a:b");
    assertThat(badRoom.exitCode()).isEqualTo(2);
    assertThat(badRoom.stderr()).startsWith("parley: --room").doesNotContain("Exception");

    Path broken = stateDir.resolve("broken.json");
    Files.writeString(broken, "not json");
    CommandRun run = CommandRun.parley("bot", "--server", "127.0.0.1:" + ServerProcess.freePort(), "--user", "seedbot",
        "--room", "lobby", "--state", broken.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderrLines()).hasSize(1).first().asString().startsWith("parley: bot state").contains("not JSON");
  }

  /**
   * Every message of a person has one reply: as many replies as messages, and the echoed ones
   * (the others say the one puzzled line) each echo a different message, in order.
   */
  private static void assertExactlyOneReplyEach(List<JsonNode> all, String... notBots) {
    List<JsonNode> asked = all.stream().filter(m -> !m.path("bot").asBoolean()).toList();
    List<JsonNode> replies = all.stream().filter(m -> m.path("bot").asBoolean()).toList();
    assertThat(replies).as("replies to %d messages in %s", asked.size(), all).hasSameSizeAs(asked);
    Set<String> echoed = new HashSet<>();
    for (JsonNode reply : replies) {
      String text = reply.path("text").asText();
      if (!text.equals(PUZZLED)) {
        assertThat(echoed.add(text)).as("echoed twice: %s", text).isTrue();
      }
    }
    assertThat(echoed).isNotEmpty().hasSizeLessThan(replies.size()); // the coin went both ways
  }
}
