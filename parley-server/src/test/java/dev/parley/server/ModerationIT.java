package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Room owners (an extension): the first registered user to join owns the room; owners kick,
 * ban, unban and make others owners; it all takes effect at once and survives a restart.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class ModerationIT extends ServerFixture {

  /** The next frame of {@code type}, letting presence and pings pass. */
  private static JsonNode expectPast(WireClient c, String type) {
    JsonNode frame = c.next();
    while (!frame.path("type").asText().equals(type)
        && (frame.path("type").asText().equals("presence") || frame.path("type").asText().equals("ping"))) {
      frame = c.next();
    }
    assertThat(frame.path("type").asText()).as("%s", frame).isEqualTo(type);
    return frame;
  }

  private static JsonNode moderate(WireClient owner, String action, String user) {
    owner.sendFrame("type", action, "room", "lobby", "user", user, "ref", action + "-" + user);
    return expectPast(owner, "moderated");
  }

  @Test
  void theFirstRegisteredUserToJoinOwnsTheRoomAndGuestsNever() {
    WireClient guest = guest("visitor");
    assertThat(join(guest, "lobby").path("owners")).isEmpty();
    WireClient alice = register("alice");

    JsonNode joined = join(alice, "lobby");

    assertThat(joined.path("owners")).extracting(JsonNode::asText).containsExactly("alice");
    WireClient bob = register("bob");
    assertThat(join(bob, "lobby").path("owners")).extracting(JsonNode::asText).containsExactly("alice");
  }

  @Test
  void aKickedUserIsOutAtOnceAndMayJoinAgain() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");

    JsonNode done = moderate(alice, "kick", "bob");

    assertThat(done.path("action").asText()).isEqualTo("kick");
    JsonNode kicked = expectPast(bob, "kicked");
    assertThat(kicked.path("by").asText()).isEqualTo("alice");
    bob.sendFrame("type", "send", "room", "lobby", "text", "still here?");
    bob.expectError("not_in_room");
    assertThat(join(bob, "lobby").path("type").asText()).isEqualTo("joined");
  }

  @Test
  void aBanTakesEffectAtOnceSurvivesARestartAndIsLiftedByUnban() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");

    moderate(alice, "ban", "bob");
    assertThat(expectPast(bob, "kicked").path("action").asText()).isEqualTo("ban");
    bob.sendFrame("type", "join", "room", "lobby");
    bob.expectError("forbidden");

    restart();
    WireClient bobAgain = logIn("bob");
    bobAgain.sendFrame("type", "join", "room", "lobby");
    bobAgain.expectError("forbidden");

    WireClient aliceAgain = logIn("alice");
    join(aliceAgain, "lobby");
    moderate(aliceAgain, "unban", "bob");
    assertThat(join(bobAgain, "lobby").path("owners")).extracting(JsonNode::asText).containsExactly("alice");
  }

  @Test
  void onlyOwnersModerateAndOwnersCannotBeKicked() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");
    WireClient carol = register("carol");
    join(carol, "lobby");

    bob.sendFrame("type", "kick", "room", "lobby", "user", "carol");
    expectPast(bob, "error");

    moderate(alice, "op", "carol");
    moderate(carol, "kick", "bob");
    expectPast(bob, "kicked");
    alice.sendFrame("type", "kick", "room", "lobby", "user", "carol", "ref", "k");
    JsonNode refused = expectPast(alice, "error");
    assertThat(refused.path("code").asText()).isEqualTo("forbidden");
  }

  @Test
  void onlyARegisteredUserCanBeMadeAnOwner() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    guest("drifter");

    alice.sendFrame("type", "op", "room", "lobby", "user", "drifter");
    assertThat(expectPast(alice, "error").path("code").asText()).isEqualTo("no_such_user");
  }
}
