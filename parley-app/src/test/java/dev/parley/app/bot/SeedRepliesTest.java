package dev.parley.app.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeedRepliesTest {
  private final SeedReplies replies = new SeedReplies(42);

  private static ServerFrame.Msg msg(long id, String text) {
    return new ServerFrame.Msg("lobby", id, "alice", text, 0);
  }

  @ParameterizedTest
  @CsvSource({"1, 你猜!", "2, 谢谢!", "3, 对不起!", "4, 好的!"})
  void eachNumberGetsItsAnswerWhateverTheCoin(String text, String answer) {
    for (long id = 1; id <= 20; id++) {
      assertThat(replies.reply(msg(id, text))).contains(answer);
      assertThat(replies.reply(msg(id, " " + text + "\n"))).contains(answer);
    }
  }

  @Test
  void anythingElseIsEchoedOrPuzzledAndBothHappen() {
    Set<String> seen = new HashSet<>();
    LongStream.rangeClosed(1, 200).forEach(id -> {
      String reply = replies.reply(msg(id, "hello")).orElseThrow();
      assertThat(reply).isIn("hello", SeedReplies.PUZZLED);
      seen.add(reply);
    });
    assertThat(seen).containsExactlyInAnyOrder("hello", SeedReplies.PUZZLED);
    assertThat(replies.reply(msg(1, "5")).orElseThrow()).isIn("5", SeedReplies.PUZZLED);
    assertThat(replies.reply(msg(1, "12")).orElseThrow()).isIn("12", SeedReplies.PUZZLED);
  }

  @Test
  void theCoinIsFairOverManyMessages() {
    long echoes = LongStream.rangeClosed(1, 10_000).filter(id -> replies.echoes(msg(id, "x"))).count();
    assertThat(echoes).isBetween(4_700L, 5_300L);
  }

  @Test
  void theSameSeedAndMessageAlwaysGiveTheSameAnswerAndOtherSeedsDiffer() {
    SeedReplies again = new SeedReplies(42);
    SeedReplies other = new SeedReplies(43);
    int differ = 0;
    for (long id = 1; id <= 100; id++) {
      assertThat(again.reply(msg(id, "hey"))).isEqualTo(replies.reply(msg(id, "hey")));
      if (other.echoes(msg(id, "hey")) != replies.echoes(msg(id, "hey"))) {
        differ++;
      }
    }
    assertThat(differ).isPositive();
    ServerFrame.Msg elsewhere = new ServerFrame.Msg("kitchen", 1, "alice", "hey", 0);
    assertThat(replies.echoes(elsewhere)).isEqualTo(new SeedReplies(42).echoes(elsewhere));
  }
}
