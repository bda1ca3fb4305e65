package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    for (ClientListener l : all) {
      try {
        l.message(msg);
      } catch (RuntimeException e) {
        log.warn("a message listener failed", e);
      }
    }
  }

  void presence(ServerFrame.Presence presence) {
    for (ClientListener l : all) {
      try {
        l.presence(presence);
      } catch (RuntimeException e) {
        log.warn("a presence listener failed", e);
      }
    }
  }

  void stateChanged(ConnectionState state, String detail) {
    for (ClientListener l : all) {
      try {
        l.stateChanged(state, detail);
      } catch (RuntimeException e) {
        log.warn("a state listener failed", e);
      }
    }
  }
}
