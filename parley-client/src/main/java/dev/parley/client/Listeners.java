package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's listeners. Called only from {@link Callbacks}, so one at a time and in
 * order; one that throws is logged and the others still hear. Thread-safe to add to.
 */
final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);
  private final List<ClientListener> all = new CopyOnWriteArrayList<>();

  void add(ClientListener listener) {
    all.add(listener);
  }

  void remove(ClientListener listener) {
    all.remove(listener);
  }

  void message(ServerFrame.Msg msg) {
    each("message", l -> l.message(msg));
  }

  void presence(ServerFrame.Presence presence) {
    each("presence", l -> l.presence(presence));
  }

  void stateChanged(ConnectionState state, String detail) {
    each("state", l -> l.stateChanged(state, detail));
  }

  void typing(String room, String user) {
    each("typing", l -> l.typing(room, user));
  }

  /** One of the room events {@link RoomView} works out. */
  void deliver(Delivery d) {
    if (d instanceof Delivery.Message m) {
      message(m.msg());
    } else if (d instanceof Delivery.Edited e) {
      each("edit", l -> l.edited(e.room(), e.id(), e.text(), e.by()));
    } else if (d instanceof Delivery.Deleted x) {
      each("delete", l -> l.deleted(x.room(), x.id(), x.by()));
    } else if (d instanceof Delivery.ReadMoved r) {
      each("read", l -> l.readMoved(r.room(), r.id()));
    } else if (d instanceof Delivery.UnreadChanged u) {
      each("unread", l -> l.unreadChanged(u.room(), u.unread()));
    } else if (d instanceof Delivery.TopicChanged t) {
      each("topic", l -> l.topicChanged(t.room(), t.topic(), t.by()));
    }
  }

  private void each(String what, Consumer<ClientListener> call) {
    for (ClientListener l : all) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        log.warn("a {} listener failed", what, e);
      }
    }
  }
}
