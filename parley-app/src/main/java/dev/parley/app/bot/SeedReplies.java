package dev.parley.app.bot;

import dev.parley.client.bot.MessageHandler;
import dev.parley.protocol.ServerFrame;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's rules: "1", "2", "3" and "4" get their fixed answers; anything else is, with equal
 * chance, sent back as it is or answered "不知道你在说什么!". The message's text is compared
 * without the white space around it. The coin is a function of the seed and the message, so a
 * message answered again after a crash gets the same answer.
 */
final class SeedReplies implements MessageHandler {
  static final String PUZZLED = "不知道你在说什么!";
  private static final Map<String, String> FIXED = Map.of(
      "1", "你猜!",
      "2", "谢谢!",
      "3", "对不起!",
      "4", "好的!");

  private final long seed;

  SeedReplies(long seed) {
    this.seed = seed;
  }

  @Override
  public Optional<String> reply(ServerFrame.Msg message) {
    String fixed = FIXED.get(message.text().strip());
    if (fixed != null) {
      return Optional.of(fixed);
    }
    return Optional.of(echoes(message) ? message.text() : PUZZLED);
  }

  /** The coin for one message: heads (echo) or tails, from the seed, the room and the id. */
  boolean echoes(ServerFrame.Msg message) {
    long h = mix(seed ^ mix(message.room().hashCode()));
    h = mix(h ^ message.id());
    return (h & 1) == 0;
  }

  /** SplitMix64's finalizer: every bit of the input moves about half of the output's bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
