package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Contract section "Messages": ack and msg, ids, text rules and idempotent refs. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class MessagesIT extends ServerFixture {
  private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars

  private WireClient ann;
  private WireClient bob;

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withRatePerSecond(1000);
  }

  /** ann and bob in the lobby, every frame so far read. */
  @BeforeEach
  void annAndBobInTheLobby() {
    ann = guest("ann");
    bob = guest("bob");
    join(ann, "lobby");
    join(bob, "lobby");
    ann.expect("presence");
  }

  @Test
  void aSendIsAcknowledgedThenDeliveredToEveryMemberWithTheSameIdAndTs() {
    long before = System.currentTimeMillis();
    ann.sendFrame("type", "send", "room", "lobby", "text", "hi all", "ref", "c-17");

    JsonNode ack = ann.expect("ack");
    JsonNode own = ann.expect("msg");
    JsonNode theirs = bob.expect("msg");
    long after = System.currentTimeMillis();

    assertThat(refOf(ack)).isEqualTo("c-17");
    assertThat(ack.path("room").asText()).isEqualTo("lobby");
    assertThat(ack.path("id").isIntegralNumber()).isTrue();
    assertThat(ack.path("id").asLong()).isEqualTo(1);
    assertThat(ack.path("ts").isIntegralNumber()).isTrue();
    assertThat(ack.path("ts").asLong()).isBetween(before, after);
    for (JsonNode msg : List.of(own, theirs)) {
      assertThat(msg.path("room").asText()).isEqualTo("lobby");
      assertThat(msg.path("id").asLong()).isEqualTo(1);
      assertThat(msg.path("from").asText()).isEqualTo("ann");
      assertThat(msg.path("text").asText()).isEqualTo("hi all");
      assertThat(msg.path("ts").asLong()).isEqualTo(ack.path("ts").asLong());
    }
    ann.assertNoMoreFrames();
    bob.assertNoMoreFrames();
  }

  @Test
  void idsCountOneTwoThreeWithoutGapsInEachRoom() {
    join(ann, "attic");

    assertThat(say(ann, "lobby", "a").path("id").asLong()).isEqualTo(1);
    bob.expect("msg");
    assertThat(say(bob, "lobby", "b").path("id").asLong()).isEqualTo(2);
    ann.expect("msg");
    assertThat(say(ann, "attic", "c").path("id").asLong()).isEqualTo(1);
    assertThat(say(ann, "lobby", "d").path("id").asLong()).isEqualTo(3);
    assertThat(say(ann, "attic", "e").path("id").asLong()).isEqualTo(2);

    JsonNode d = bob.expect("msg");
    assertThat(d.path("id").asLong()).isEqualTo(3);
    assertThat(d.path("text").asText()).isEqualTo("d");
    bob.assertNoMoreFrames();
  }

  @Test
  void sendingToARoomNotJoinedIsRefusedWithNotInRoom() {
    WireClient carol = guest("carol");

    carol.sendFrame("type", "send", "room", "lobby", "text", "let me in", "ref", "s1");

    assertThat(refOf(carol.expectError("not_in_room"))).isEqualTo("s1");
    bob.assertNoMoreFrames();
    assertThat(say(ann, "lobby", "first").path("id").asLong()).isEqualTo(1);
  }

  @Test
  void textsBreakingTheTextRulesAreRefusedWithBadRequestAndNotStored() {
    List<String> bad =
        List.of(
            "", "x".repeat(4097), EMOJI.repeat(4096) + "x", "a\u0000b", "a\u0001b", "bell\u0007",
            "esc\u001b[31m", "cr\r", "cr\r\nlf", "del\u007f", "c1\u0080", "nel\u0085", "c1\u009f");
    for (int i = 0; i < bad.size(); i++) {
      ann.sendFrame("type", "send", "room", "lobby", "text", bad.get(i), "ref", "t" + i);
      JsonNode error = ann.expectError("bad_request");
      assertThat(refOf(error)).as("text case %d", i).isEqualTo("t" + i);
    }
    bob.assertNoMoreFrames();
    assertThat(say(ann, "lobby", "fine").path("id").asLong()).isEqualTo(1);
  }

  @Test
  void newlinesTabsAndAnyUnicodeUpTo4096CodePointsAreDeliveredExactly() {
    List<String> good =
        List.of(
            "line one\nline two\tend", EMOJI + " grin", "é ü 中文 ✓", "x".repeat(4096),
            EMOJI.repeat(4096), "\u00a0no-break space", "x");
    for (String text : good) {
      say(ann, "lobby", text);
    }
    List<JsonNode> received = expectMsgs(bob, good.size());
    assertThat(received).extracting(m -> m.path("text").asText()).containsExactlyElementsOf(good);
    assertThat(ids(received)).containsExactlyElementsOf(range(1, good.size()));
  }

  @Test
  void sendingAgainWithTheSameRefAnswersTheOriginalAckAndDeliversNothing() {
    ann.sendFrame("type", "send", "room", "lobby", "text", "once", "ref", "c-1");
    JsonNode first = ann.expect("ack");
    ann.expect("msg");
    bob.expect("msg");

    ann.sendFrame("type", "send", "room", "lobby", "text", "once", "ref", "c-1");

    JsonNode again = ann.expect("ack");
    assertThat(refOf(again)).isEqualTo("c-1");
    assertThat(again.path("room").asText()).isEqualTo("lobby");
    assertThat(again.path("id").asLong()).isEqualTo(first.path("id").asLong());
    assertThat(again.path("ts").asLong()).isEqualTo(first.path("ts").asLong());
    ann.assertNoMoreFrames();
    bob.assertNoMoreFrames();
    assertThat(say(ann, "lobby", "next").path("id").asLong()).isEqualTo(2);
  }

  @Test
  void theSameRefInAnotherRoomIsANewMessage() {
    join(ann, "attic");
    ann.sendFrame("type", "send", "room", "lobby", "text", "here", "ref", "same");
    assertThat(ann.expect("ack").path("room").asText()).isEqualTo("lobby");
    ann.expect("msg");

    ann.sendFrame("type", "send", "room", "attic", "text", "there", "ref", "same");

    JsonNode ack = ann.expect("ack");
    assertThat(ack.path("room").asText()).isEqualTo("attic");
    assertThat(ack.path("id").asLong()).isEqualTo(1);
    assertThat(ann.expect("msg").path("text").asText()).isEqualTo("there");
  }

  @Test
  void identicalRefsOfDifferentUsersDoNotCollide() {
    ann.sendFrame("type", "send", "room", "lobby", "text", "from ann", "ref", "c-1");
    assertThat(ann.expect("ack").path("id").asLong()).isEqualTo(1);
    ann.expect("msg");
    bob.expect("msg");

    bob.sendFrame("type", "send", "room", "lobby", "text", "from bob", "ref", "c-1");

    JsonNode ack = bob.expect("ack");
    assertThat(ack.path("id").asLong()).isEqualTo(2);
    assertThat(bob.expect("msg").path("text").asText()).isEqualTo("from bob");
    assertThat(ann.expect("msg").path("text").asText()).isEqualTo("from bob");
  }

  @Test
  void aRetryWithTheSameRefFromANewConnectionOfTheSameUserAnswersTheOriginalAck() {
    WireClient alice = register("alice");
    join(alice, "lobby");
    ann.expect("presence");
    bob.expect("presence");
    alice.sendFrame("type", "send", "room", "lobby", "text", "lost ack?", "ref", "c-9");
    JsonNode first = alice.expect("ack");
    takeMsgs(ann, 1);
    takeMsgs(bob, 1);
    alice.close();
    ann.expect("presence");
    bob.expect("presence");

    WireClient again = resume(tokenOf(alice));
    join(again, "lobby", first.path("id").asLong());
    again.sendFrame("type", "send", "room", "lobby", "text", "lost ack?", "ref", "c-9");

    JsonNode ack = again.expect("ack");
    assertThat(ack.path("id").asLong()).isEqualTo(first.path("id").asLong());
    assertThat(ack.path("ts").asLong()).isEqualTo(first.path("ts").asLong());
    again.assertNoMoreFrames();
    ann.expect("presence");
    ann.assertNoMoreFrames();
  }

  @Test
  void refsThatAreNotStringsOf1To64CharactersAreRefusedWithBadRequest() {
    Object[] bad = {"", "r".repeat(65), 7, true};
    for (Object ref : bad) {
      ann.sendFrame("type", "send", "room", "lobby", "text", "bad ref", "ref", ref);
      ann.expectError("bad_request");
      ann.sendFrame("type", "ping", "ref", ref);
      ann.expectError("bad_request");
    }
    bob.assertNoMoreFrames();

    String longest = "r".repeat(64);
    ann.sendFrame("type", "send", "room", "lobby", "text", "good ref", "ref", longest);
    JsonNode ack = ann.expect("ack");
    assertThat(refOf(ack)).isEqualTo(longest);
    assertThat(ack.path("id").asLong()).isEqualTo(1);
  }
}
