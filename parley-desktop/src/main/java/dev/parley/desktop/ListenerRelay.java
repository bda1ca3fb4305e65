package dev.parley.desktop;

import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Listens to a client from before it connects and keeps what it hears until the chat window's
 * session takes over ({@link #attach}), so a message that arrives between the login and the
 * window's opening (a private message, say) is not missed. Called on the client's callback
 * thread; {@link #attach} may come from any thread.
 */
final class ListenerRelay implements ClientListener {
  /** Guarded by {@code this}. */
  private final List<Consumer<ClientListener>> held = new ArrayList<>();
  /** Guarded by {@code this}. */
  private ClientListener target;

  @Override
  public void message(ServerFrame.Msg message) {
    pass(l -> l.message(message));
  }

  @Override
  public void presence(ServerFrame.Presence presence) {
    pass(l -> l.presence(presence));
  }

  @Override
  public void stateChanged(ConnectionState state, String detail) {
    pass(l -> l.stateChanged(state, detail));
  }

  @Override
  public void typing(String room, String user) {
    pass(l -> l.typing(room, user));
  }

  @Override
  public void edited(String room, long id, String text, String by) {
    pass(l -> l.edited(room, id, text, by));
  }

  @Override
  public void deleted(String room, long id, String by) {
    pass(l -> l.deleted(room, id, by));
  }

  @Override
  public void readMoved(String room, long id) {
    pass(l -> l.readMoved(room, id));
  }

  @Override
  public void topicChanged(String room, String topic, String by) {
    pass(l -> l.topicChanged(room, topic, by));
  }

  /** From now on, events go to {@code listener}, the held ones first. */
  void attach(ClientListener listener) {
    List<Consumer<ClientListener>> replay;
    synchronized (this) {
      replay = List.copyOf(held);
      held.clear();
      target = listener;
      // Replayed under the lock, so that no newer event overtakes the held ones.
      replay.forEach(event -> event.accept(listener));
    }
  }

  private void pass(Consumer<ClientListener> event) {
    synchronized (this) {
      if (target == null) {
        held.add(event);
        return;
      }
    }
    event.accept(target);
  }
}
