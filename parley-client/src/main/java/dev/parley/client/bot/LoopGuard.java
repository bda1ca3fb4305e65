package dev.parley.client.bot;

import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;

/**
 * Which messages a bot may answer: not its own (its user's, from any connection, its replies
 * included) and not another bot's ({@code "bot":true}, set by the server for bot accounts). So
 * two bots in one room answer people only and cannot talk to each other for ever.
 */
final class LoopGuard {
  private LoopGuard() {}

  static boolean mayAnswer(ServerFrame.Msg message, String self) {
    if (message.bot()) {
      return false;
    }
    return self == null || !Names.key(self).equals(Names.key(message.from()));
  }
}
