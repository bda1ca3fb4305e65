package dev.parley.client.bot;

import dev.parley.protocol.ServerFrame;

/** What a bot tells its program, for logs. Called on the client's callback thread. */
public interface BotListener {

  /**
   * A reply was stored: {@code ack} is the server's (the original one when this was a repeat of
   * a reply stored before a crash, which no one saw twice).
   */
  default void replied(ServerFrame.Msg message, String reply, ServerFrame.Ack ack) {}

  /** A message could not be answered (the server refused the reply, or the handler failed). */
  default void failed(ServerFrame.Msg message, Throwable why) {}
}
