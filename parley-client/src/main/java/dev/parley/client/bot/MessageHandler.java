package dev.parley.client.bot;

import dev.parley.protocol.ServerFrame;
import java.util.Optional;

/**
 * What a bot says to a message: a reply, or empty for none. Called on the client's callback
 * thread, one message at a time; it should answer quickly and never block on the client. The
 * same message may be handed over again after a crash (the reply is stored once whatever it
 * says), so a handler that should say the same thing twice must not depend on a clock or a
 * fresh random number.
 */
@FunctionalInterface
public interface MessageHandler {
  Optional<String> reply(ServerFrame.Msg message);
}
