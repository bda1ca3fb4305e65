package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Names;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.testkit.WireClient;
import org.junit.jupiter.api.Test;

/**
 * Bot accounts (an extension, docs/bots.md): an account registered with {@code "bot":true} or
 * added by an operator as a bot sends messages that carry {@code "bot":true}, live, in a join's
 * replay and in history, also after a restart; everyone else's messages are byte for byte as
 * before (no {@code bot} field). Subclassed for PostgreSQL.
 */
class BotAccountsIT extends ServerFixture {

  private WireClient registerBot(String name) {
    WireClient bot = connect();
    bot.sendFrame("type", "register", "user", name, "password", PASSWORD, "bot", true);
    bot.expect("welcome");
    return bot;
  }

  @Test
  void aBotsMessagesSayBotLiveInReplayAndInHistory() {
    WireClient bot = registerBot("echo");
    WireClient alice = guest("alice");
    join(bot, "lobby");
    join(alice, "lobby");
    bot.expect("presence");

    say(alice, "lobby", "hello");
    JsonNode heard = bot.expect("msg");
    assertThat(heard.has("bot")).as("a person's message: %s", heard).isFalse();
    say(bot, "lobby", "hello to you");
    JsonNode live = alice.expect("msg");
    assertThat(live.path("bot").asBoolean()).as("%s", live).isTrue();
    assertThat(live.path("from").asText()).isEqualTo("echo");

    WireClient later = guest("later");
    join(later, "lobby", 0);
    JsonNode first = later.expect("msg");
    JsonNode second = later.expect("msg");
    assertThat(first.has("bot")).isFalse();
    assertThat(second.path("bot").asBoolean()).as("replayed %s", second).isTrue();

    later.sendFrame("type", "history", "room", "lobby", "ref", "h1");
    JsonNode page = later.expect("history");
    assertThat(page.path("messages").get(0).has("bot")).isFalse();
    assertThat(page.path("messages").get(1).path("bot").asBoolean()).as("%s", page).isTrue();
  }

  @Test
  void theMarkSurvivesARestartAndATokenLogin() {
    WireClient bot = registerBot("echo");
    String token = tokenOf(bot);
    join(bot, "lobby");
    say(bot, "lobby", "before");

    restart();

    WireClient back = resume(token);
    join(back, "lobby", 0);
    assertThat(back.expect("msg").path("bot").asBoolean()).isTrue();
    say(back, "lobby", "after");
    WireClient reader = guest("reader");
    reader.sendFrame("type", "history", "room", "lobby", "ref", "h1");
    JsonNode page = reader.expect("history");
    assertThat(page.path("messages")).hasSize(2)
        .allSatisfy(m -> assertThat(m.path("bot").asBoolean()).as("%s", m).isTrue());
  }

  @Test
  void anOperatorsBotLogsInWithItsPasswordAndIsMarked() {
    String hash = PasswordHasher.owaspBaseline().hash(PASSWORD);
    java.util.Optional<?> added =
        operator(accounts -> accounts.createAccount("Helper", Names.key("Helper"), hash, true));
    assertThat(added).isPresent();
    WireClient helper = logIn("Helper");
    WireClient alice = guest("alice");
    join(helper, "lobby");
    join(alice, "lobby");
    helper.expect("presence");
    say(helper, "lobby", "at your service");
    assertThat(alice.expect("msg").path("bot").asBoolean()).isTrue();
  }

  @Test
  void aPersonsAccountAndAGuestAreNotBots() {
    WireClient person = register("person");
    WireClient guest = connect();
    guest.sendFrame("type", "hello", "user", "visitor", "bot", true); // not a field of hello: ignored
    guest.expect("welcome");
    join(person, "lobby");
    join(guest, "lobby");
    person.expect("presence");
    say(guest, "lobby", "hi");
    assertThat(person.expect("msg").has("bot")).isFalse();
    say(person, "lobby", "hi there");
    assertThat(guest.expect("msg").has("bot")).isFalse();
  }

  @Test
  void aBotFlagThatIsNotABooleanIsABadRequest() {
    WireClient c = connect();
    c.sendFrame("type", "register", "user", "echo", "password", PASSWORD, "bot", "yes");
    c.expectError("bad_request");
    c.sendFrame("type", "register", "user", "echo", "password", PASSWORD, "bot", false);
    c.expect("welcome");
  }
}
