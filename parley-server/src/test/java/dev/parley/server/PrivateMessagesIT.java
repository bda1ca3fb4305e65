package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Contract section "Private messages": dm, its room, who may see it, offline catch-up. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class PrivateMessagesIT extends ServerFixture {
  private static final String ROOM = "dm:adam:zoe";

  @Test
  void aDmIsAcknowledgedInTheSortedLowerCaseRoomAndReachesEveryConnectionOfBothUsers() {
    WireClient zoe = register("Zoe");
    WireClient zoePhone = resume(tokenOf(zoe));
    WireClient adam = register("adam");
    long before = System.currentTimeMillis();

    zoe.sendFrame("type", "dm", "to", "adam", "text", "psst", "ref", "c-18");

    JsonNode ack = zoe.expect("ack");
    assertThat(refOf(ack)).isEqualTo("c-18");
    assertThat(ack.path("room").asText()).isEqualTo(ROOM);
    assertThat(ack.path("id").asLong()).isEqualTo(1);
    assertThat(ack.path("ts").asLong()).isGreaterThanOrEqualTo(before);
    for (WireClient client : List.of(zoe, zoePhone, adam)) {
      JsonNode msg = client.expect("msg");
      assertThat(msg.path("room").asText()).isEqualTo(ROOM);
      assertThat(msg.path("id").asLong()).isEqualTo(1);
      assertThat(msg.path("from").asText()).isEqualToIgnoringCase("zoe");
      assertThat(msg.path("text").asText()).isEqualTo("psst");
      assertThat(msg.path("ts").asLong()).isEqualTo(ack.path("ts").asLong());
      client.assertNoMoreFrames();
    }

    adam.sendFrame("type", "dm", "to", "Zoe", "text", "what?");

    JsonNode reply = adam.expect("ack");
    assertThat(reply.path("room").asText()).isEqualTo(ROOM);
    assertThat(reply.path("id").asLong()).isEqualTo(2);
    for (WireClient client : List.of(adam, zoe, zoePhone)) {
      JsonNode msg = client.expect("msg");
      assertThat(msg.path("id").asLong()).isEqualTo(2);
      assertThat(msg.path("from").asText()).isEqualTo("adam");
    }
  }

  @Test
  void nobodyElseMayJoinSeeOrReadTheConversation() {
    WireClient zoe = register("zoe");
    WireClient adam = register("adam");
    dm(zoe, "adam", "secret");
    adam.expect("msg");
    WireClient carol = guest("carol");

    for (String type : List.of("join", "who", "history")) {
      carol.sendFrame("type", type, "room", ROOM, "ref", type);
      assertThat(refOf(carol.expectError("forbidden"))).isEqualTo(type);
    }
    carol.sendFrame("type", "join", "room", ROOM, "since", 0);
    carol.expectError("forbidden");

    carol.assertNoMoreFrames();
    zoe.assertNoMoreFrames();
    adam.assertNoMoreFrames();
    dm(zoe, "adam", "still secret");
    carol.assertNoMoreFrames();
  }

  @Test
  void aDmToAnUnknownUserOrAConnectedGuestIsRefusedWithNoSuchUser() {
    WireClient zoe = register("zoe");
    WireClient carol = guest("carol");

    zoe.sendFrame("type", "dm", "to", "nobody", "text", "hello?", "ref", "d1");
    assertThat(refOf(zoe.expectError("no_such_user"))).isEqualTo("d1");
    zoe.sendFrame("type", "dm", "to", "carol", "text", "hello?", "ref", "d2");
    assertThat(refOf(zoe.expectError("no_such_user"))).isEqualTo("d2");
    zoe.sendFrame("type", "dm", "to", "no body", "text", "hello?", "ref", "d3");
    assertThat(refOf(zoe.expectError("invalid_name"))).isEqualTo("d3");

    carol.assertNoMoreFrames();
    zoe.assertNoMoreFrames();
  }

  @Test
  void aDmFollowsTheTextRules() {
    WireClient zoe = register("zoe");
    register("adam");
    for (String bad : List.of("", "bell\u0007", "x".repeat(4097))) {
      zoe.sendFrame("type", "dm", "to", "adam", "text", bad);
      zoe.expectError("bad_request");
    }
    assertThat(dm(zoe, "adam", "ok").path("id").asLong()).isEqualTo(1);
  }

  @Test
  void anOfflineUserSeesTheConversationInWelcomeAndCatchesUpWithJoinSince() {
    WireClient adam = register("adam");
    String token = tokenOf(adam);
    adam.close();
    WireClient zoe = register("zoe");
    for (int i = 1; i <= 3; i++) {
      dm(zoe, "adam", "while you were out " + i);
    }

    WireClient back = resume(token);

    JsonNode dms = welcomeOf(back).path("dms");
    assertThat(dms).hasSize(1);
    assertThat(dms.get(0).path("room").asText()).isEqualTo(ROOM);
    assertThat(dms.get(0).path("last").asLong()).isEqualTo(3);
    back.assertNoMoreFrames();

    dm(zoe, "adam", "are you back?");
    assertThat(back.expect("msg").path("id").asLong()).isEqualTo(4);

    join(back, ROOM, 1);
    List<JsonNode> replay = expectMsgs(back, 3);
    assertThat(ids(replay)).containsExactly(2L, 3L, 4L);
    assertThat(replay.get(0).path("text").asText()).isEqualTo("while you were out 2");
    back.assertNoMoreFrames();

    dm(zoe, "adam", "welcome back");
    assertThat(ids(expectMsgs(back, 1))).containsExactly(5L);
    back.assertNoMoreFrames();
  }

  @Test
  void aDmToYourselfIsAllowedAndArrivesOnce() {
    WireClient zoe = register("Zoe");

    zoe.sendFrame("type", "dm", "to", "Zoe", "text", "note to self");

    assertThat(zoe.expect("ack").path("room").asText()).isEqualTo("dm:zoe:zoe");
    assertThat(zoe.expect("msg").path("room").asText()).isEqualTo("dm:zoe:zoe");
    zoe.assertNoMoreFrames();
  }

  @Test
  void aDmSentAgainWithTheSameRefAnswersTheOriginalAckAndDeliversNothing() {
    WireClient zoe = register("zoe");
    WireClient adam = register("adam");
    zoe.sendFrame("type", "dm", "to", "adam", "text", "once", "ref", "c-1");
    JsonNode first = zoe.expect("ack");
    zoe.expect("msg");
    adam.expect("msg");

    zoe.sendFrame("type", "dm", "to", "adam", "text", "once", "ref", "c-1");

    JsonNode again = zoe.expect("ack");
    assertThat(again.path("room").asText()).isEqualTo(ROOM);
    assertThat(again.path("id").asLong()).isEqualTo(first.path("id").asLong());
    assertThat(again.path("ts").asLong()).isEqualTo(first.path("ts").asLong());
    zoe.assertNoMoreFrames();
    adam.assertNoMoreFrames();
  }

  /** Sends a dm with a fresh ref and reads the ack and the sender's own msg; returns the ack. */
  private JsonNode dm(WireClient from, String to, String text) {
    String ref = ref();
    from.sendFrame("type", "dm", "to", to, "text", text, "ref", ref);
    JsonNode ack = from.expect("ack");
    assertThat(refOf(ack)).isEqualTo(ref);
    assertThat(from.expect("msg").path("id").asLong()).isEqualTo(ack.path("id").asLong());
    return ack;
  }
}
