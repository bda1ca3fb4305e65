package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Private conversations and ownerships belong to accounts, not to names: when an account is
 * deleted, its password changed, or its name taken by a new account (here or by an operator's
 * {@code parley user} on the same store), its connections end, and nothing of it passes to a
 * guest or a later account of the same name (security issue, findings 1 to 3).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class AccountChangesIT extends ServerFixture {
  private static final Duration CLOSE = Duration.ofSeconds(10);

  @Test
  void deletingAUserEndsItsConnectionsAndAGuestOfTheNameReadsNothingOfItsConversations() {
    WireClient bob = register("bob");
    WireClient carol = register("carol");
    dm(bob, "carol", "for carol only");
    carol.expect("msg");

    operator(accounts -> accounts.deleteAccount("carol"));

    assertThat(byeOf(carol)).isEqualTo("account_deleted");
    WireClient impostor = guest("carol");
    impostor.sendFrame("type", "join", "room", "dm:bob:carol", "since", 0, "ref", "j");
    assertThat(refOf(impostor.expectError("forbidden"))).isEqualTo("j");
    impostor.sendFrame("type", "history", "room", "dm:bob:carol", "ref", "h");
    assertThat(refOf(impostor.expectError("forbidden"))).isEqualTo("h");
    bob.sendFrame("type", "dm", "to", "carol", "text", "still there?", "ref", "d2");
    assertThat(refOf(bob.expectError("no_such_user"))).isEqualTo("d2");
    impostor.assertNoMoreFrames();
  }

  @Test
  void aNewAccountOfADeletedNameStartsAfterTheOldConversationAndOwnsNothingOfTheOld() {
    WireClient carol = register("carol");
    join(carol, "garden");
    WireClient bob = register("bob");
    join(bob, "garden");
    carol.expect("presence");
    dm(bob, "carol", "old secret");
    operator(accounts -> accounts.deleteAccount("carol"));
    carol.awaitClosed(CLOSE);

    WireClient newCarol = register("Carol");

    assertThat(welcomeOf(newCarol).path("dms")).isEmpty();
    JsonNode joined = join(newCarol, "dm:bob:carol", 0);
    assertThat(joined.path("last").asLong()).isEqualTo(1);
    newCarol.sendFrame("type", "history", "room", "dm:bob:carol", "ref", "h");
    JsonNode history = newCarol.expect("history");
    assertThat(history.path("messages")).isEmpty();
    assertThat(history.path("more").asBoolean()).isFalse();
    newCarol.sendFrame("type", "kick", "room", "garden", "user", "bob", "ref", "k");
    assertThat(refOf(newCarol.expectError("forbidden"))).isEqualTo("k");

    dm(bob, "carol", "hello, new carol");
    JsonNode live = newCarol.expect("msg");
    assertThat(live.path("id").asLong()).isEqualTo(2);
    newCarol.sendFrame("type", "history", "room", "dm:bob:carol", "ref", "h2");
    assertThat(ids(List.copyOf(listOf(newCarol.expect("history").path("messages"))))).containsExactly(2L);
  }

  @Test
  void aGuestHoldingANameThatAnOperatorRegistersIsEndedAndGetsNoPrivateMessage() {
    WireClient bob = register("bob");
    WireClient frank = guest("frank");

    operatorAdds("frank");

    assertThat(byeOf(frank)).isEqualTo("name_registered");
    dm(bob, "frank", "psst, frank");
    assertThat(frank.seen()).noneMatch(f -> f.path("type").asText().equals("msg"));
    WireClient realFrank = logIn("frank");
    assertThat(welcomeOf(realFrank).path("dms").get(0).path("room").asText()).isEqualTo("dm:bob:frank");
  }

  @Test
  void aRegistrationAndAGuestLoginOfTheSameNameNeverBothSucceed() {
    for (int i = 0; i < 6; i++) {
      String name = "race" + i;
      WireClient registering = connect();
      WireClient guest = connect();
      String register = WireClient.frame("type", "register", "user", name, "password", PASSWORD);
      String hello = WireClient.frame("type", "hello", "user", name);
      if (i % 2 == 0) {
        registering.send(register);
        guest.send(hello);
      } else {
        guest.send(hello);
        registering.send(register);
      }

      List<String> answers = List.of(typeOf(registering.next()), typeOf(guest.next()));

      assertThat(answers).as("answers to register and guest hello of %s", name).containsOnlyOnce("welcome");
    }
  }

  @Test
  void guestsCanNeitherOpenNorJoinAPrivateConversation() {
    WireClient bob = register("bob");
    String bobsToken = tokenOf(bob);
    WireClient sneaky = guest("sneaky");

    sneaky.sendFrame("type", "join", "room", "dm:bob:sneaky", "since", 0, "ref", "j");
    assertThat(refOf(sneaky.expectError("forbidden"))).isEqualTo("j");
    sneaky.sendFrame("type", "send", "room", "dm:bob:sneaky", "text", "hi bob", "ref", "s");
    assertThat(refOf(sneaky.expectError("not_in_room"))).isEqualTo("s");
    sneaky.sendFrame("type", "who", "room", "dm:bob:sneaky", "ref", "w");
    assertThat(refOf(sneaky.expectError("forbidden"))).isEqualTo("w");

    bob.close();
    assertThat(welcomeOf(resume(bobsToken)).path("dms")).isEmpty();
  }

  @Test
  void changingAPasswordEndsEveryConnectionOfTheUserAndNoOtherOne() {
    WireClient ann = register("ann");
    WireClient phone = resume(tokenOf(ann));
    WireClient bob = register("bob");
    String hash = PasswordHasher.owaspBaseline().hash("a brand new password");

    operator(accounts -> accounts.changePassword("ann", hash));

    assertThat(byeOf(ann)).isEqualTo("password_changed");
    assertThat(byeOf(phone)).isEqualTo("password_changed");
    bob.sendFrame("type", "ping", "ref", "still");
    assertThat(refOf(bob.expect("pong"))).isEqualTo("still");
    WireClient again = connect();
    again.sendFrame("type", "hello", "user", "ann", "password", "a brand new password");
    again.expect("welcome");
  }

  @Test
  void deletingAUserEndsEveryConnectionOfTheUserAndItsTokens() {
    WireClient ann = register("ann");
    String token = tokenOf(ann);
    WireClient phone = resume(token);

    operator(accounts -> accounts.deleteAccount("ann"));

    assertThat(byeOf(ann)).isEqualTo("account_deleted");
    assertThat(byeOf(phone)).isEqualTo("account_deleted");
    WireClient retry = connect();
    retry.sendFrame("type", "hello", "token", token);
    retry.expectError("auth_failed");
  }

  @Test
  void aLaterAccountOfANameDoesNotMeetTheRefsOfAnEarlierOne() {
    WireClient carol = register("carol");
    join(carol, "lobby");
    carol.sendFrame("type", "send", "room", "lobby", "text", "old carol", "ref", "c-1");
    assertThat(carol.expect("ack").path("id").asLong()).isEqualTo(1);
    operator(accounts -> accounts.deleteAccount("carol"));
    carol.awaitClosed(CLOSE);

    WireClient newCarol = register("carol");
    join(newCarol, "lobby", 1);
    newCarol.sendFrame("type", "send", "room", "lobby", "text", "new carol", "ref", "c-1");

    assertThat(newCarol.expect("ack").path("id").asLong()).isEqualTo(2);
    assertThat(newCarol.expect("msg").path("text").asText()).isEqualTo("new carol");
  }

  @Test
  void aGuestMayNotTakeALookAlikeOfARegisteredNameNorMayANewAccount() {
    register("alice").close();

    for (String lookAlike : List.of("aIice", "alice.", "alice_", "a1ice")) {
      WireClient guest = connect();
      guest.sendFrame("type", "hello", "user", lookAlike);
      assertThat(guest.expectError("name_taken").path("message").asText()).contains("alice");
    }
    WireClient registering = connect();
    registering.sendFrame("type", "register", "user", "aIice", "password", PASSWORD);
    registering.expectError("user_exists");
    guest("alicia");
  }

  /** The reason of the {@code bye} a connection got before the server closed it. */
  private static String byeOf(WireClient client) {
    List<JsonNode> last = client.awaitClosed(CLOSE);
    return last.stream()
        .filter(f -> typeOf(f).equals("bye"))
        .map(f -> f.path("reason").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no bye before the close: " + last));
  }

  private static String typeOf(JsonNode frame) {
    return frame.path("type").asText();
  }

  private static List<JsonNode> listOf(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  /**
   * Sends a dm with a fresh ref and reads the ack and the sender's own msg, passing over
   * presence news; returns the ack.
   */
  private JsonNode dm(WireClient from, String to, String text) {
    String ref = ref();
    from.sendFrame("type", "dm", "to", to, "text", text, "ref", ref);
    JsonNode ack = from.next();
    while (typeOf(ack).equals("presence")) {
      ack = from.next();
    }
    assertThat(typeOf(ack)).as("answer to the dm: %s", ack).isEqualTo("ack");
    assertThat(refOf(ack)).isEqualTo(ref);
    assertThat(takeMsgs(from, 1, "presence").get(0).path("id").asLong()).isEqualTo(ack.path("id").asLong());
    return ack;
  }
}
