package dev.parley.desktop;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the window asks of the server for the conversation features (typing, read markers,
 * edit, delete, topic, search), in one narrow place: {@link ClientCalls} passes each to the
 * client library. Futures complete on the library's callback thread.
 */
interface ConversationCalls {

  /** Tells the room the user is typing (the caller paces it). */
  void typing(String room);

  /** Marks the room read up to {@code id}, on every device of the user. */
  void markRead(String room, long id);

  /** Replaces the text of the user's own message {@code id}; completes once stored. */
  CompletableFuture<?> edit(String room, long id, String text);

  /** Deletes message {@code id} (the user's own, or any for an owner); completes once stored. */
  CompletableFuture<?> delete(String room, long id);

  /** Sets the room's topic ({@code ""} clears it); completes once set. */
  CompletableFuture<?> setTopic(String room, String text);

  /** The room's messages matching {@code query}, newest first, each with its newest text. */
  CompletableFuture<List<ServerFrame.Msg>> search(String room, String query, int limit);
}
