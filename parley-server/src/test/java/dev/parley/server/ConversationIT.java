package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract's "Conversation features": typing, read markers, edit, delete, topic and
 * search, each with its errors, over every transport (and, in the cluster run, across nodes).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class ConversationIT extends ServerFixture {

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withRatePerSecond(UNLIMITED);
  }

  /** The next frame of {@code type}, letting presence and pings pass. */
  private static JsonNode nextOf(WireClient c, String type) {
    JsonNode frame = c.next();
    while (isNoise(frame) && !frame.path("type").asText().equals(type)) {
      frame = c.next();
    }
    assertThat(frame.path("type").asText()).as("%s", frame).isEqualTo(type);
    return frame;
  }

  /** The next frame of {@code type}, letting anything else pass (messages included). */
  private static JsonNode find(WireClient c, String type) {
    JsonNode frame = c.next();
    while (!frame.path("type").asText().equals(type)) {
      frame = c.next();
    }
    return frame;
  }

  private static boolean isNoise(JsonNode frame) {
    String type = frame.path("type").asText();
    return type.equals("presence") || type.equals("ping");
  }

  /** Fails if anything but presence or pings arrives within a moment. */
  private static void expectNothingMore(WireClient c) {
    long end = System.nanoTime() + 400_000_000L;
    while (System.nanoTime() < end) {
      if (c.hasArrived()) {
        JsonNode frame = c.next();
        assertThat(isNoise(frame)).as("unexpected %s", frame).isTrue();
      } else {
        pause(20);
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static JsonNode error(WireClient c, String code) {
    JsonNode e = nextOf(c, "error");
    assertThat(e.path("code").asText()).as("%s", e).isEqualTo(code);
    return e;
  }

  /** Sends a frame with a fresh ref; the ack's id. The own msg is read past. */
  private long amend(WireClient c, Object... fields) {
    String ref = ref();
    Object[] all = java.util.Arrays.copyOf(fields, fields.length + 2);
    all[fields.length] = "ref";
    all[fields.length + 1] = ref;
    c.sendFrame(all);
    JsonNode ack = nextOf(c, "ack");
    assertThat(ack.path("ref").asText()).isEqualTo(ref);
    JsonNode own = nextOf(c, "msg");
    assertThat(own.path("id").asLong()).isEqualTo(ack.path("id").asLong());
    return ack.path("id").asLong();
  }

  private List<JsonNode> history(WireClient c, String room) {
    c.sendFrame("type", "history", "room", room, "limit", 200, "ref", ref());
    List<JsonNode> out = new ArrayList<>();
    nextOf(c, "history").path("messages").forEach(out::add);
    return out;
  }

  private static JsonNode byId(List<JsonNode> messages, long id) {
    return messages.stream().filter(m -> m.path("id").asLong() == id).findFirst().orElseThrow();
  }

  private List<JsonNode> search(WireClient c, String room, String query) {
    c.sendFrame("type", "search", "room", room, "query", query, "ref", ref());
    JsonNode answer = nextOf(c, "search");
    assertThat(answer.path("room").asText()).isEqualTo(room);
    List<JsonNode> out = new ArrayList<>();
    answer.path("messages").forEach(out::add);
    return out;
  }

  // typing

  @Test
  void typingReachesTheOthersInTheRoomButNoneOfTheTypistsConnections() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    WireClient aliceAgain = logIn("alice");
    join(aliceAgain, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");
    WireClient elsewhere = guest("carol");
    join(elsewhere, "kitchen");

    alice.sendFrame("type", "typing", "room", "lobby");

    JsonNode typing = nextOf(bob, "typing");
    assertThat(typing.path("room").asText()).isEqualTo("lobby");
    assertThat(typing.path("user").asText()).isEqualTo("alice");
    assertThat(typing.has("id")).isFalse();
    expectNothingMore(alice);
    expectNothingMore(aliceAgain);
    expectNothingMore(elsewhere);
    assertThat(history(bob, "lobby")).isEmpty(); // never stored
  }

  @Test
  void typingNeedsTheRoomJoined() {
    WireClient bob = guest("bob");
    bob.sendFrame("type", "typing", "room", "lobby", "ref", "t");
    assertThat(error(bob, "not_in_room").path("ref").asText()).isEqualTo("t");
  }

  // read markers

  @Test
  void aReadMarkerIsSharedWithTheUsersOtherConnectionsInTheRoomAndNeverGoesBack() {
    WireClient bob = register("bob");
    join(bob, "lobby");
    for (int i = 1; i <= 3; i++) {
      say(bob, "lobby", "news " + i);
    }
    WireClient phone = register("alice");
    assertThat(join(phone, "lobby", 3).path("read").asLong()).isZero();
    WireClient laptop = logIn("alice");
    join(laptop, "lobby", 3);

    phone.sendFrame("type", "read", "room", "lobby", "id", 2);

    JsonNode read = nextOf(laptop, "read");
    assertThat(read.path("room").asText()).isEqualTo("lobby");
    assertThat(read.path("id").asLong()).isEqualTo(2);
    expectNothingMore(phone); // the reader itself is not told
    expectNothingMore(bob); // nor anyone else

    phone.sendFrame("type", "read", "room", "lobby", "id", 1);
    expectNothingMore(laptop); // backwards: nothing changes

    WireClient tablet = logIn("alice");
    assertThat(join(tablet, "lobby", 3).path("read").asLong()).isEqualTo(2);
  }

  @Test
  void aReadMarkerPastTheNewestMessageIsRefused() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    say(alice, "lobby", "only one");
    alice.sendFrame("type", "read", "room", "lobby", "id", 2, "ref", "r");
    assertThat(error(alice, "bad_request").path("ref").asText()).isEqualTo("r");
    alice.sendFrame("type", "read", "room", "lobby", "id", 0);
    error(alice, "bad_request");
  }

  @Test
  void aReadMarkerSurvivesARestartAndComesInWelcomeForPrivateConversations() {
    WireClient alice = register("alice");
    WireClient laptop = logIn("alice");
    join(alice, "lobby");
    join(laptop, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");
    say(bob, "lobby", "one");
    say(bob, "lobby", "two");
    bob.sendFrame("type", "dm", "to", "alice", "text", "psst", "ref", "d1");
    long dmId = nextOf(bob, "ack").path("id").asLong();
    String dm = nextOf(bob, "msg").path("room").asText();
    alice.sendFrame("type", "read", "room", "lobby", "id", 2);
    alice.sendFrame("type", "read", "room", dm, "id", dmId);
    // The laptop is told once each is stored.
    List<JsonNode> told = List.of(find(laptop, "read"), find(laptop, "read"));
    assertThat(told).extracting(r -> r.path("room").asText()).containsExactlyInAnyOrder("lobby", dm);

    restart();

    WireClient again = logIn("alice");
    JsonNode entry = welcomeOf(again).path("dms").get(0);
    assertThat(entry.path("room").asText()).isEqualTo(dm);
    assertThat(entry.path("read").asLong()).isEqualTo(dmId);
    assertThat(join(again, "lobby").path("read").asLong()).isEqualTo(2);
  }

  @Test
  void aGuestsReadMarkerIsItsConnectionsOnly() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    say(alice, "lobby", "hello");
    WireClient guest = guest("visitor");
    join(guest, "lobby");
    guest.sendFrame("type", "read", "room", "lobby", "id", 1);
    guest.sendFrame("type", "leave", "room", "lobby");
    nextOf(guest, "left");
    assertThat(join(guest, "lobby").path("read").asLong()).isEqualTo(1);
  }

  // edit

  @Test
  void anEditIsANewMessageOfTheRoomThatEveryoneGets() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");
    long original = say(alice, "lobby", "hi al").path("id").asLong();
    nextOf(bob, "msg");

    alice.sendFrame("type", "edit", "room", "lobby", "id", original, "text", "hi all!", "ref", "c-19");

    JsonNode ack = nextOf(alice, "ack");
    assertThat(ack.path("ref").asText()).isEqualTo("c-19");
    assertThat(ack.path("id").asLong()).isEqualTo(original + 1);
    for (WireClient c : List.of(alice, bob)) {
      JsonNode msg = nextOf(c, "msg");
      assertThat(msg.path("id").asLong()).isEqualTo(original + 1);
      assertThat(msg.path("from").asText()).isEqualTo("alice");
      assertThat(msg.path("text").asText()).isEqualTo("hi all!");
      assertThat(msg.path("edit").asLong()).isEqualTo(original);
      assertThat(msg.has("delete")).isFalse();
    }
    List<JsonNode> history = history(bob, "lobby");
    assertThat(ids(history)).containsExactly(original, original + 1);
    assertThat(history.get(0).path("text").asText()).isEqualTo("hi al"); // keeps its original text
    assertThat(history.get(0).has("edit")).isFalse();
    assertThat(history.get(1).path("edit").asLong()).isEqualTo(original);
  }

  @Test
  void anEditRetriedWithItsRefIsStoredOnce() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    long original = say(alice, "lobby", "teh plan").path("id").asLong();
    long edit = amend(alice, "type", "edit", "room", "lobby", "id", original, "text", "the plan");

    alice.sendFrame("type", "edit", "room", "lobby", "id", original, "text", "the plan", "ref", "r2");
    long firstId = nextOf(alice, "ack").path("id").asLong();
    nextOf(alice, "msg");
    alice.sendFrame("type", "edit", "room", "lobby", "id", original, "text", "the plan", "ref", "r2");

    assertThat(nextOf(alice, "ack").path("id").asLong()).isEqualTo(firstId);
    expectNothingMore(alice);
    assertThat(ids(history(alice, "lobby"))).containsExactly(original, edit, firstId);
  }

  @Test
  void onlyTheAuthorEditsAndOnlyAnOrdinaryMessage() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");
    long original = say(alice, "lobby", "mine").path("id").asLong();
    long edit = amend(alice, "type", "edit", "room", "lobby", "id", original, "text", "mine!");

    bob.sendFrame("type", "edit", "room", "lobby", "id", original, "text", "yours", "ref", "e1");
    assertThat(error(bob, "forbidden").path("ref").asText()).isEqualTo("e1");
    alice.sendFrame("type", "edit", "room", "lobby", "id", edit, "text", "edit of an edit");
    error(alice, "bad_request");
    alice.sendFrame("type", "edit", "room", "lobby", "id", 999, "text", "nothing there");
    error(alice, "bad_request");
    alice.sendFrame("type", "edit", "room", "lobby", "id", original, "text", "");
    error(alice, "bad_request");
    alice.sendFrame("type", "edit", "room", "lobby", "text", "no id");
    error(alice, "bad_request");
    WireClient outside = logIn("alice");
    outside.sendFrame("type", "edit", "room", "lobby", "id", original, "text", "not joined here");
    error(outside, "not_in_room");
    assertThat(ids(history(alice, "lobby"))).containsExactly(original, edit); // nothing else stored
  }

  // delete

  @Test
  void aDeleteIsANewMessageAndErasesTheTextOfTheMessageAndItsEdits() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");
    long original = say(bob, "lobby", "my password is hunter2").path("id").asLong();
    long edit = amend(bob, "type", "edit", "room", "lobby", "id", original, "text", "my password is hunter3");

    bob.sendFrame("type", "delete", "room", "lobby", "id", original, "ref", "c-20");

    JsonNode ack = nextOf(bob, "ack");
    assertThat(ack.path("ref").asText()).isEqualTo("c-20");
    long delete = ack.path("id").asLong();
    assertThat(delete).isEqualTo(edit + 1);
    JsonNode seen = null;
    for (int i = 0; i < 3; i++) { // alice sees the original, the edit and the delete
      seen = nextOf(alice, "msg");
    }
    assertThat(seen.path("id").asLong()).isEqualTo(delete);
    assertThat(seen.path("text").asText()).isEmpty();
    assertThat(seen.path("delete").asLong()).isEqualTo(original);

    List<JsonNode> history = history(alice, "lobby");
    assertThat(ids(history)).containsExactly(original, edit, delete);
    for (long erased : List.of(original, edit)) {
      assertThat(byId(history, erased).path("text").asText()).isEmpty();
      assertThat(byId(history, erased).path("deleted").asBoolean()).isTrue();
    }
    assertThat(byId(history, edit).path("edit").asLong()).isEqualTo(original);
    assertThat(byId(history, delete).has("deleted")).isFalse();

    WireClient later = logIn("alice");
    later.sendFrame("type", "join", "room", "lobby", "since", 0);
    nextOf(later, "joined");
    JsonNode replayed = nextOf(later, "msg");
    assertThat(replayed.path("id").asLong()).isEqualTo(original);
    assertThat(replayed.path("text").asText()).isEmpty();
    assertThat(replayed.path("deleted").asBoolean()).isTrue();
  }

  @Test
  void anOwnerMayDeleteAnyonesMessageAndNobodyElseMay() {
    WireClient alice = register("alice"); // the room's first registered user: its owner
    join(alice, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");
    WireClient carol = register("carol");
    join(carol, "lobby");
    long bobs = say(bob, "lobby", "spam spam").path("id").asLong();

    carol.sendFrame("type", "delete", "room", "lobby", "id", bobs, "ref", "d1");
    assertThat(error(carol, "forbidden").path("ref").asText()).isEqualTo("d1");
    long delete = amend(alice, "type", "delete", "room", "lobby", "id", bobs);

    assertThat(delete).isEqualTo(bobs + 1);
    alice.sendFrame("type", "delete", "room", "lobby", "id", bobs);
    error(alice, "bad_request"); // deleted already
    alice.sendFrame("type", "delete", "room", "lobby", "id", delete);
    error(alice, "bad_request"); // a delete is not deleted
    alice.sendFrame("type", "edit", "room", "lobby", "id", bobs, "text", "not even the owner edits");
    nextOf(alice, "error");
  }

  // topic

  @Test
  void anOwnerSetsTheTopicEveryoneInTheRoomGetsItAndJoinedCarriesIt() {
    WireClient alice = register("alice");
    assertThat(join(alice, "lobby").has("topic")).isFalse();
    WireClient bob = register("bob");
    join(bob, "lobby");

    alice.sendFrame("type", "topic", "room", "lobby", "text", "Release day", "ref", "t1");

    JsonNode own = nextOf(alice, "topic");
    assertThat(own.path("text").asText()).isEqualTo("Release day");
    assertThat(own.path("by").asText()).isEqualTo("alice");
    assertThat(own.path("ref").asText()).isEqualTo("t1");
    JsonNode told = nextOf(bob, "topic");
    assertThat(told.path("room").asText()).isEqualTo("lobby");
    assertThat(told.path("text").asText()).isEqualTo("Release day");
    assertThat(told.path("by").asText()).isEqualTo("alice");
    assertThat(told.has("ref")).isFalse();

    WireClient carol = guest("carol");
    assertThat(join(carol, "lobby").path("topic").asText()).isEqualTo("Release day");
    restart();
    WireClient dave = guest("dave");
    assertThat(join(dave, "lobby").path("topic").asText()).isEqualTo("Release day");

    WireClient aliceAgain = logIn("alice");
    join(aliceAgain, "lobby");
    aliceAgain.sendFrame("type", "topic", "room", "lobby", "text", "", "ref", "t2");
    assertThat(nextOf(aliceAgain, "topic").path("text").asText()).isEmpty();
    assertThat(nextOf(dave, "topic").path("text").asText()).isEmpty();
    assertThat(join(guest("erin"), "lobby").has("topic")).isFalse();
  }

  @Test
  void onlyOwnersSetTopicsOfAtMost300CodePoints() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    WireClient bob = register("bob");
    join(bob, "lobby");

    bob.sendFrame("type", "topic", "room", "lobby", "text", "mine now", "ref", "t");
    assertThat(error(bob, "forbidden").path("ref").asText()).isEqualTo("t");
    alice.sendFrame("type", "topic", "room", "lobby", "text", "😀".repeat(301));
    error(alice, "bad_request");
    alice.sendFrame("type", "topic", "room", "lobby", "text", "bell\u0007");
    error(alice, "bad_request");

    alice.sendFrame("type", "topic", "room", "lobby", "text", "😀".repeat(300));
    assertThat(nextOf(alice, "topic").path("text").asText()).isEqualTo("😀".repeat(300));
  }

  // search

  @Test
  void searchFindsWholeWordsCaseInsensitiveNewestFirst() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    long first = say(alice, "lobby", "We deploy on Friday").path("id").asLong();
    say(alice, "lobby", "deployment is hard");
    long third = say(alice, "lobby", "FRIDAY: deploy went fine!").path("id").asLong();
    say(alice, "lobby", "nothing to see");
    WireClient other = register("bob");
    join(other, "kitchen");
    say(other, "kitchen", "deploy friday in the kitchen");

    List<JsonNode> found = search(alice, "lobby", "deploy friday");

    assertThat(ids(found)).containsExactly(third, first);
    assertThat(found.get(0).path("type").asText()).isEqualTo("msg");
    assertThat(found.get(0).path("from").asText()).isEqualTo("alice");
    assertThat(found.get(0).path("text").asText()).isEqualTo("FRIDAY: deploy went fine!");
    assertThat(ids(search(alice, "lobby", "Deploy"))).containsExactly(third, first);
    assertThat(search(alice, "lobby", "deplo")).isEmpty();
  }

  @Test
  void anEditedMessageMatchesByItsNewestTextOnceAndADeletedOneNever() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    long edited = say(alice, "lobby", "meet at noon").path("id").asLong();
    amend(alice, "type", "edit", "room", "lobby", "id", edited, "text", "meet at three");
    amend(alice, "type", "edit", "room", "lobby", "id", edited, "text", "meet at four");
    long deleted = say(alice, "lobby", "meet at the secret place").path("id").asLong();
    amend(alice, "type", "delete", "room", "lobby", "id", deleted);

    List<JsonNode> found = search(alice, "lobby", "meet");

    assertThat(ids(found)).containsExactly(edited);
    assertThat(found.get(0).path("text").asText()).isEqualTo("meet at four");
    assertThat(found.get(0).has("edit")).isFalse();
    assertThat(search(alice, "lobby", "noon")).isEmpty();
    assertThat(search(alice, "lobby", "three")).isEmpty();
    assertThat(search(alice, "lobby", "secret")).isEmpty();
  }

  @Test
  void searchNeedsAWordOfTwoCharactersHonoursTheLimitAndNeedsNoJoin() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    for (int i = 1; i <= 25; i++) {
      say(alice, "lobby", "status report " + i);
    }
    WireClient visitor = guest("visitor");

    assertThat(search(visitor, "lobby", "report")).hasSize(20); // the default limit
    visitor.sendFrame("type", "search", "room", "lobby", "query", "report", "limit", 3, "ref", "s");
    assertThat(ids(toList(nextOf(visitor, "search").path("messages")))).containsExactly(25L, 24L, 23L);
    visitor.sendFrame("type", "search", "room", "lobby", "query", "a ! b", "ref", "s2");
    assertThat(error(visitor, "bad_request").path("ref").asText()).isEqualTo("s2");
    visitor.sendFrame("type", "search", "room", "lobby", "query", "");
    error(visitor, "bad_request");
  }

  @Test
  void searchReadsOnlyRoomsTheUserMayRead() {
    WireClient alice = register("alice");
    WireClient bob = register("bob");
    alice.sendFrame("type", "dm", "to", "bob", "text", "the launch code", "ref", "d");
    String dm = nextOf(alice, "ack").path("room").asText();

    assertThat(search(bob, dm, "launch")).hasSize(1);
    WireClient carol = register("carol");
    carol.sendFrame("type", "search", "room", dm, "query", "launch");
    error(carol, "forbidden");
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
