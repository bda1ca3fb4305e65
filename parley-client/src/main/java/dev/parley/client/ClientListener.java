package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import java.util.function.Consumer;

/**
 * What the application hears from a client. Calls come one at a time, in order, on the
 * client's callback thread (never on its I/O thread), together with the completion of the
 * futures its methods return. Do not block in them waiting for another of the client's futures:
 * that future is completed on this same thread.
 */
public interface ClientListener {

  /**
   * A message, each exactly once, in increasing id order within its room, across reconnects.
   * Private conversations ({@code dm:…} rooms) come here too.
   */
  default void message(ServerFrame.Msg message) {}

  /** Someone joined or left a room this client is in. */
  default void presence(ServerFrame.Presence presence) {}

  /** The connection changed state; {@code detail} says why, for people. */
  default void stateChanged(ConnectionState state, String detail) {}

  /** A listener for messages only. */
  static ClientListener onMessage(Consumer<ServerFrame.Msg> messages) {
    return new ClientListener() {
      @Override
      public void message(ServerFrame.Msg message) {
        messages.accept(message);
      }
    };
  }
}
