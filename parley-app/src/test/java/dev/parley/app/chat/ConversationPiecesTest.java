package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The terminal's pieces for edits, deletes and typing that need no server. */
class ConversationPiecesTest {

  @Test
  void editAndDeleteTakeAnOptionalIdThenTheText() {
    assertThat(MessageTarget.parse("58 hello all")).isEqualTo(new MessageTarget(58L, "hello all"));
    assertThat(MessageTarget.parse("#58   hello all ")).isEqualTo(new MessageTarget(58L, "hello all"));
    assertThat(MessageTarget.parse("hello all")).isEqualTo(new MessageTarget(null, "hello all"));
    assertThat(MessageTarget.parse("#58")).isEqualTo(new MessageTarget(58L, ""));
    assertThat(MessageTarget.parse("")).isEqualTo(new MessageTarget(null, ""));
    assertThat(MessageTarget.parse("#x hello")).isEqualTo(new MessageTarget(null, "#x hello"));
    assertThat(MessageTarget.parse("5b is it")).isEqualTo(new MessageTarget(null, "5b is it"));
    assertThat(MessageTarget.parse("99999999999999999999 big")).as("too long to be an id")
        .isEqualTo(new MessageTarget(null, "99999999999999999999 big"));
  }

  @Test
  void theLastOwnMessageIsTheNewestNotDeleted() {
    OwnMessages own = new OwnMessages();
    assertThat(own.last("lobby")).isNull();
    own.sent("lobby", 3);
    own.sent("lobby", 7);
    own.sent("lobby", 5); // an older one, from /history
    own.sent("side", 9);

    assertThat(own.last("lobby")).isEqualTo(7);
    own.deleted("lobby", 7);
    assertThat(own.last("lobby")).isEqualTo(3);
    assertThat(own.last("side")).isEqualTo(9);
  }

  @Test
  void someoneTypingShowsForFiveSecondsOrUntilTheirMessage() {
    TypingNames typing = new TypingNames();
    long t0 = 1_000_000_000L;
    long second = Duration.ofSeconds(1).toNanos();
    typing.heard("lobby", "bob", t0);

    assertThat(typing.text("lobby", t0 + second)).isEqualTo("bob is typing…");
    assertThat(typing.text("side", t0 + second)).isEmpty();
    typing.heard("lobby", "carol", t0 + 2 * second);
    assertThat(typing.text("lobby", t0 + 3 * second)).isEqualTo("bob and carol are typing…");
    assertThat(typing.text("lobby", t0 + 6 * second)).isEqualTo("carol is typing…");
    typing.spoke("lobby", "Carol");
    assertThat(typing.text("lobby", t0 + 6 * second)).isEmpty();
    typing.heard("lobby", "a", t0);
    typing.heard("lobby", "b", t0);
    typing.heard("lobby", "c", t0);
    assertThat(typing.text("lobby", t0)).isEqualTo("several people are typing…");
  }
}
