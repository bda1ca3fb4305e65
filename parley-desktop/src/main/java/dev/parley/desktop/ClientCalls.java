package dev.parley.desktop;

import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The conversation features' requests, passed to the client library. */
final class ClientCalls implements ConversationCalls {
  private final ParleyClient client;

  ClientCalls(ParleyClient client) {
    this.client = client;
  }

  @Override
  public void typing(String room) {
    client.typing(room);
  }

  @Override
  public void markRead(String room, long id) {
    client.markRead(room, id);
  }

  @Override
  public CompletableFuture<?> edit(String room, long id, String text) {
    return client.edit(room, id, text);
  }

  @Override
  public CompletableFuture<?> delete(String room, long id) {
    return client.delete(room, id);
  }

  @Override
  public CompletableFuture<?> setTopic(String room, String text) {
    return client.setTopic(room, text);
  }

  @Override
  public CompletableFuture<List<ServerFrame.Msg>> search(String room, String query, int limit) {
    return client.search(room, query, limit);
  }
}
