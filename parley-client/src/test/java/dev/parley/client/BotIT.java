package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.bot.Bot;
import dev.parley.client.bot.ExampleBot;
import dev.parley.protocol.ServerFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot API against a real server: the example of docs/bots.md works; a bot answers each
 * message once across its own restarts (also when it was stopped between the reply's ack and
 * saving its place); it answers neither itself nor another bot; the first run leaves old
 * history alone.
 */
class BotIT extends ClientFixture {
  @TempDir Path stateDir;
  private final List<Bot> bots = new java.util.ArrayList<>();

  @AfterEach
  void closeBots() {
    bots.forEach(Bot::close);
  }

  private void registerBotAccount(String name) {
    ParleyClient c = connect(options(Credentials.registerBot(name, PASSWORD)), new Recorder());
    c.close();
  }

  /** A bot that answers "re: TEXT", logged in as {@code name}, with its state in {@code state}. */
  private Bot startBot(String name, Credentials credentials, Path state) {
    Bot bot = Bot.builder(options(credentials))
        .rooms("lobby")
        .state(state)
        .onMessage(m -> Optional.of("re: " + m.text()))
        .build();
    bots.add(bot);
    done(bot.start());
    return bot;
  }

  private Bot startBot(String name, Path state) {
    return startBot(name, Credentials.password(name, PASSWORD), state);
  }

  private static List<String> repliesFrom(Recorder r, String bot) {
    return r.messages.stream().filter(m -> m.from().equals(bot)).map(ServerFrame.Msg::text).toList();
  }

  private static void awaitQuiet(Recorder r) {
    // Nothing more arrives for a while: a loop would keep the count growing.
    int[] last = {-1};
    await().atMost(WAIT).pollInterval(Duration.ofMillis(700)).until(() -> {
      int now = r.messages.size();
      boolean same = now == last[0];
      last[0] = now;
      return same;
    });
  }

  @Test
  void theExampleOfTheDocsAnswersMessagesAndCommands() {
    registerBotAccount("echo");
    Recorder alice = new Recorder();
    ParleyClient a = guest("alice", alice);
    done(a.join("lobby"));
    bots.add(ExampleBot.start(Endpoint.tcp("127.0.0.1", server().tcpAddress().getPort()), PASSWORD,
        stateDir.resolve("echo.json")));

    done(a.send("lobby", "hello"));
    done(a.send("lobby", "!ping 42"));
    await().atMost(WAIT).until(() -> repliesFrom(alice, "echo").size() == 2);
    assertThat(repliesFrom(alice, "echo")).containsExactly("alice said: hello", "pong 42");
    assertThat(alice.messages.stream().filter(m -> m.from().equals("echo"))).allMatch(ServerFrame.Msg::bot);
  }

  @Test
  void theFirstRunLeavesOldHistoryAloneAndAnswersWhatComesAfter() {
    registerBotAccount("echo");
    Recorder alice = new Recorder();
    ParleyClient a = guest("alice", alice);
    done(a.join("lobby"));
    done(a.send("lobby", "before the bot"));
    startBot("echo", stateDir.resolve("echo.json"));

    done(a.send("lobby", "after"));
    await().atMost(WAIT).until(() -> repliesFrom(alice, "echo").size() == 1);
    awaitQuiet(alice);
    assertThat(repliesFrom(alice, "echo")).containsExactly("re: after");
  }

  @Test
  void aBotStartedAgainAnswersWhatItMissedAndNothingTwice() throws Exception {
    registerBotAccount("echo");
    Path state = stateDir.resolve("echo.json");
    Recorder alice = new Recorder();
    ParleyClient a = guest("alice", alice);
    done(a.join("lobby"));
    Bot first = startBot("echo", state);
    done(a.send("lobby", "one"));
    await().atMost(WAIT).until(() -> repliesFrom(alice, "echo").size() == 1);
    first.close();
    String placeAfterOne = Files.readString(state);

    done(a.send("lobby", "two"));
    done(a.send("lobby", "three"));
    startBot("echo", state);
    await().atMost(WAIT).until(() -> repliesFrom(alice, "echo").size() == 3);
    awaitQuiet(alice);
    assertThat(repliesFrom(alice, "echo")).containsExactly("re: one", "re: two", "re: three");

    // As if the bot had been killed after its replies were stored but before it saved its place:
    // it answers "two" and "three" again, under the same refs, and the server stores nothing new.
    bots.forEach(Bot::close);
    Files.writeString(state, placeAfterOne);
    startBot("echo", state);
    done(a.send("lobby", "four"));
    await().atMost(WAIT).until(() -> repliesFrom(alice, "echo").size() == 4);
    awaitQuiet(alice);
    assertThat(repliesFrom(alice, "echo")).containsExactly("re: one", "re: two", "re: three", "re: four");
    assertThat(Files.readString(state)).contains("\"lobby\":8");
  }

  @Test
  void twoBotsAnswerAPersonOnceEachAndNeverEachOtherOrThemselves() {
    registerBotAccount("echo");
    registerBotAccount("parrot");
    Recorder alice = new Recorder();
    ParleyClient a = guest("alice", alice);
    done(a.join("lobby"));
    Bot echo = startBot("echo", stateDir.resolve("echo.json"));
    startBot("parrot", stateDir.resolve("parrot.json"));

    done(a.send("lobby", "hi bots"));
    done(echo.client().send("lobby", "echo talking to itself"));
    await().atMost(WAIT).until(() -> alice.messages.size() == 4);
    awaitQuiet(alice);
    // Its own line and its reply race each other to the server: either order, each once.
    assertThat(repliesFrom(alice, "echo")).containsExactlyInAnyOrder("echo talking to itself", "re: hi bots");
    assertThat(repliesFrom(alice, "parrot")).containsExactly("re: hi bots");
  }

  @Test
  void aGuestBotStillNeverAnswersItself() {
    Recorder alice = new Recorder();
    ParleyClient a = guest("alice", alice);
    done(a.join("lobby"));
    Bot bot = startBot("helper", Credentials.guest("helper"), null);

    done(bot.client().send("lobby", "hello from the helper"));
    done(a.send("lobby", "hi"));
    await().atMost(WAIT).until(() -> alice.messages.size() == 3);
    awaitQuiet(alice);
    assertThat(alice.messages).extracting(ServerFrame.Msg::text)
        .containsExactly("hello from the helper", "hi", "re: hi");
  }
}
