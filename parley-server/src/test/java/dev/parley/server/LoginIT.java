package dev.parley.server;

import static dev.parley.testkit.WireClient.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Contract section "Logging in": register, hello with password, token or as a guest. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class LoginIT extends ServerFixture {

  @Test
  void registerAnswersWelcomeWithUserProtocolServerHeartbeatTokenAndNoDms() {
    WireClient alice = connect();
    alice.sendFrame("type", "register", "user", "alice", "password", PASSWORD, "ref", "r1");

    JsonNode welcome = alice.expect("welcome");
    assertThat(refOf(welcome)).isEqualTo("r1");
    assertThat(welcome.path("user").asText()).isEqualTo("alice");
    assertThat(welcome.path("protocol").isIntegralNumber()).isTrue();
    assertThat(welcome.path("protocol").asInt()).isEqualTo(1);
    assertThat(welcome.path("server").asText()).isEqualTo(SERVER);
    assertThat(welcome.path("heartbeat").isIntegralNumber()).isTrue();
    assertThat(welcome.path("heartbeat").asInt()).isEqualTo(30);
    assertThat(welcome.path("token").isTextual()).isTrue();
    assertThat(welcome.path("token").asText()).isNotEmpty();
    assertThat(welcome.path("dms").isArray()).isTrue();
    assertThat(welcome.path("dms")).isEmpty();
    alice.assertNoMoreFrames();
  }

  @Test
  void registerWithPasswordShorterThanEightCharactersIsRefusedWithWeakPassword() {
    WireClient alice = connect();
    alice.sendFrame("type", "register", "user", "alice", "password", "1234567", "ref", "r1");
    assertThat(refOf(alice.expectError("weak_password"))).isEqualTo("r1");

    alice.sendFrame("type", "register", "user", "alice", "password", "12345678");
    assertThat(alice.expect("welcome").path("user").asText()).isEqualTo("alice");
  }

  @Test
  void registerOfATakenNameIsRefusedWithUserExistsWithoutRegardToCase() {
    register("alice");
    WireClient other = connect();

    other.sendFrame("type", "register", "user", "alice", "password", "another password");
    other.expectError("user_exists");
    other.sendFrame("type", "register", "user", "ALICE", "password", "another password");
    other.expectError("user_exists");
    other.sendFrame("type", "register", "user", "Alice", "password", "another password");
    other.expectError("user_exists");
    other.assertNoMoreFrames();
  }

  @Test
  void loginWithABadUserNameIsRefusedWithInvalidName() {
    WireClient client = connect();
    for (String bad : new String[] {"", "a b", "alice!", "ålice", "dm:bob", "x".repeat(33)}) {
      client.sendFrame("type", "register", "user", bad, "password", PASSWORD);
      client.expectError("invalid_name");
      client.sendFrame("type", "hello", "user", bad);
      client.expectError("invalid_name");
    }
    String longest = "A-z_0.9" + "x".repeat(25);
    client.sendFrame("type", "register", "user", longest, "password", PASSWORD);
    assertThat(client.expect("welcome").path("user").asText()).isEqualTo(longest);
  }

  @Test
  void helloWithPasswordLogsInAndIssuesANewToken() {
    String first = tokenOf(register("alice"));
    WireClient again = connect();

    again.sendFrame("type", "hello", "user", "alice", "password", PASSWORD, "ref", "h1");

    JsonNode welcome = again.expect("welcome");
    assertThat(refOf(welcome)).isEqualTo("h1");
    assertThat(welcome.path("user").asText()).isEqualTo("alice");
    assertThat(welcome.path("token").asText()).isNotEmpty().isNotEqualTo(first);
  }

  @Test
  void helloWithAWrongPasswordIsRefusedWithAuthFailedAndTheConnectionCanStillLogIn() {
    register("alice");
    WireClient client = connect();

    client.sendFrame("type", "hello", "user", "alice", "password", "wrong horse", "ref", "h1");
    assertThat(refOf(client.expectError("auth_failed"))).isEqualTo("h1");

    client.sendFrame("type", "hello", "user", "alice", "password", PASSWORD);
    assertThat(client.expect("welcome").path("user").asText()).isEqualTo("alice");
  }

  @Test
  void helloWithAPasswordForAnUnknownUserIsRefusedWithAuthFailed() {
    WireClient client = connect();
    client.sendFrame("type", "hello", "user", "nobody", "password", PASSWORD);
    client.expectError("auth_failed");
    client.assertNoMoreFrames();
  }

  @Test
  void helloWithATokenFromAnEarlierWelcomeAnswersWithTheSameToken() {
    String token = tokenOf(register("alice"));
    WireClient client = connect();

    client.sendFrame("type", "hello", "token", token, "ref", "t1");

    JsonNode welcome = client.expect("welcome");
    assertThat(refOf(welcome)).isEqualTo("t1");
    assertThat(welcome.path("user").asText()).isEqualTo("alice");
    assertThat(welcome.path("token").asText()).isEqualTo(token);
  }

  @Test
  void helloWithAnUnknownTokenIsRefusedWithAuthFailed() {
    register("alice");
    WireClient client = connect();
    client.sendFrame("type", "hello", "token", "not-a-token-anyone-was-given");
    client.expectError("auth_failed");
  }

  @Test
  void helloWithATokenStillWorksAfterARestart() {
    String token = tokenOf(register("alice"));

    restart();

    assertThat(welcomeOf(resume(token)).path("user").asText()).isEqualTo("alice");
  }

  @Test
  void guestHelloAnswersWelcomeWithoutATokenAndWithNoDms() {
    WireClient client = connect();
    client.sendFrame("type", "hello", "user", "guest7", "ref", "g1");

    JsonNode welcome = client.expect("welcome");
    assertThat(refOf(welcome)).isEqualTo("g1");
    assertThat(welcome.path("user").asText()).isEqualTo("guest7");
    assertThat(welcome.path("protocol").asInt()).isEqualTo(1);
    assertThat(welcome.path("server").asText()).isEqualTo(SERVER);
    assertThat(welcome.path("heartbeat").asInt()).isEqualTo(30);
    assertThat(welcome.has("token")).as("guest welcome %s has no token", welcome).isFalse();
    assertThat(welcome.path("dms").isArray()).isTrue();
    assertThat(welcome.path("dms")).isEmpty();
  }

  @Test
  void aSecondConnectedGuestWithTheSameNameInAnyCaseIsRefusedWithNameTaken() {
    WireClient first = guest("Zed");
    WireClient second = connect();

    second.sendFrame("type", "hello", "user", "Zed");
    second.expectError("name_taken");
    second.sendFrame("type", "hello", "user", "zED");
    second.expectError("name_taken");

    first.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              WireClient retry = connect();
              retry.send(frame("type", "hello", "user", "zed"));
              assertThat(retry.next().path("type").asText()).isEqualTo("welcome");
            });
  }

  @Test
  void aGuestHelloNamingARegisteredUserIsRefusedWithAuthFailed() {
    register("alice");
    WireClient client = connect();

    client.sendFrame("type", "hello", "user", "alice");
    client.expectError("auth_failed");
    client.sendFrame("type", "hello", "user", "ALICE");
    client.expectError("auth_failed");
  }

  @Test
  void aGuestHelloIsRefusedWithAuthFailedWhenGuestsAreNotAllowed() {
    configure(c -> c.withGuestsAllowed(false));
    WireClient client = connect();

    client.sendFrame("type", "hello", "user", "guest7");
    client.expectError("auth_failed");

    client.sendFrame("type", "register", "user", "alice", "password", PASSWORD);
    assertThat(client.expect("welcome").path("user").asText()).isEqualTo("alice");
  }

  @Test
  void registerOfANameAConnectedGuestIsUsingIsRefusedWithNameTaken() {
    guest("zed");
    WireClient client = connect();
    client.sendFrame("type", "register", "user", "ZED", "password", PASSWORD);
    client.expectError("name_taken");
  }

  @Test
  void aSecondHelloOrRegisterOnALoggedInConnectionIsRefusedWithBadRequest() {
    WireClient zed = guest("zed");

    zed.sendFrame("type", "hello", "user", "other", "ref", "h2");
    assertThat(refOf(zed.expectError("bad_request"))).isEqualTo("h2");
    zed.sendFrame("type", "register", "user", "other", "password", PASSWORD);
    zed.expectError("bad_request");

    zed.sendFrame("type", "ping", "ref", "p");
    zed.expect("pong");
  }

  @Test
  void framesBeforeLoggingInAreRefusedWithNotLoggedInAndTheConnectionStaysOpen() {
    WireClient client = connect();
    String[] early = {
      frame("type", "join", "room", "lobby", "ref", "e1"),
      frame("type", "send", "room", "lobby", "text", "hi", "ref", "e2"),
      frame("type", "leave", "room", "lobby", "ref", "e3"),
      frame("type", "rooms", "ref", "e4"),
      frame("type", "who", "room", "lobby", "ref", "e5"),
      frame("type", "history", "room", "lobby", "ref", "e6"),
      frame("type", "dm", "to", "bob", "text", "hi", "ref", "e7"),
    };
    for (int i = 0; i < early.length; i++) {
      client.send(early[i]);
      assertThat(refOf(client.expectError("not_logged_in"))).isEqualTo("e" + (i + 1));
    }
    client.sendFrame("type", "ping", "ref", "p0");
    assertThat(refOf(client.expect("pong"))).isEqualTo("p0");

    client.sendFrame("type", "hello", "user", "late");
    client.expect("welcome");
    join(client, "lobby");
    assertThat(say(client, "lobby", "made it").path("id").asLong()).isEqualTo(1);
  }

  @Test
  void oneUserMayBeConnectedTwiceAtOnce() {
    WireClient laptop = register("alice");
    WireClient phone = resume(tokenOf(laptop));
    WireClient bob = guest("bob");
    join(laptop, "lobby");
    join(phone, "lobby");
    join(bob, "lobby");
    laptop.expect("presence");
    phone.expect("presence");

    say(laptop, "lobby", "from the laptop");

    assertThat(phone.expect("msg").path("from").asText()).isEqualTo("alice");
    assertThat(bob.expect("msg").path("text").asText()).isEqualTo("from the laptop");
    bob.sendFrame("type", "who", "room", "lobby");
    assertThat(bob.expect("who").path("members"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("alice", "bob");
  }
}
