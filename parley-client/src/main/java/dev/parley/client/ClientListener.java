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
   * Private conversations ({@code dm:…} rooms) come here too. Edits and deletes are not
   * messages here: they come to {@link #edited} and {@link #deleted}, and a message whose edit
   * or delete the client already knows comes with its newest text (or {@code deleted}).
   */
  default void message(ServerFrame.Msg message) {}

  /** Someone joined or left a room this client is in. */
  default void presence(ServerFrame.Presence presence) {}

  /** The connection changed state; {@code detail} says why, for people. */
  default void stateChanged(ConnectionState state, String detail) {}

  /**
   * Someone else is typing in {@code room}. Sent again every few seconds while they type: show
   * it for about 5 s after the last one, or until their next message.
   */
  default void typing(String room, String user) {}

  /**
   * Message {@code id} of {@code room} now reads {@code text}: edited by its author {@code by}.
   * It comes in the room's order, after the message itself (which may be older than what was
   * delivered, when the join replayed only the newest messages).
   */
  default void edited(String room, long id, String text, String by) {}

  /** Message {@code id} of {@code room} was deleted by {@code by} (its author or an owner). */
  default void deleted(String room, long id, String by) {}

  /**
   * The user's read marker in {@code room} moved forward to {@code id}: by {@link
   * ParleyClient#markRead}, on another of the user's devices, or as the server had it at a join.
   */
  default void readMoved(String room, long id) {}

  /** The number of unread messages in {@code room} changed (see {@link ParleyClient#unread}). */
  default void unreadChanged(String room, int unread) {}

  /**
   * The topic of {@code room} is now {@code topic} ({@code ""}: none). {@code by} is who set it,
   * or {@code null} when the client learnt it from a join (the first, or one after a reconnect).
   */
  default void topicChanged(String room, String topic, String by) {}

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
