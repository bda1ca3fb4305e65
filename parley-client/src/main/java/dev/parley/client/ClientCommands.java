package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The application's requests, once {@link ParleyClient} has hopped them onto the client's loop.
 * Each is recorded first (a room wanted, a send pending, a question asked) and goes out only
 * when the connection allows; after a reconnect, the record is what is sent again.
 */
final class ClientCommands {
  /** How often the user's typing is told to a room, at most. */
  static final Duration TYPING_EVERY = Duration.ofSeconds(3);
  private final ClientSession session;

  ClientCommands(ClientSession session) {
    this.session = session;
  }

  void join(String room, Long since, CompletableFuture<ServerFrame.Joined> joined) {
    RoomState state = session.ledger.want(room, since);
    state.joinWaiters.add(joined);
    if (session.isLoggedIn() && !state.joinInFlight) {
      session.resume.sendJoin(state);
    }
  }

  void leave(String room, CompletableFuture<Void> left) {
    RoomState state = session.ledger.forget(room);
    session.forgetRoom(room);
    if (state != null) {
      state.joinWaiters.forEach(
          w -> session.callbacks.fail(w, new ParleyException(null, "left " + room + " before it was joined")));
    }
    session.resume.releaseSends(); // what was sent to the room before leaving goes out first
    if (!session.isLoggedIn()) {
      session.callbacks.complete(left, null); // it will not be rejoined
      return;
    }
    String ref = session.refs.next();
    session.requests.put(ref, new Request.Leaving(room, left));
    session.outbox.send(new ClientFrame.Leave(room, ref));
  }

  void send(PendingSend send) {
    RoomState state = send.room == null ? null : session.ledger.get(send.room);
    if (state != null) {
      state.typingSentAt = null; // the message ends the typing: the next keystroke says so again
    }
    session.sends.add(send);
    if (session.resume.mayGo(send)) {
      send.onLink = true;
      session.outbox.send(send.frame);
    }
  }

  /**
   * Tells the room the user is typing, at most once per {@link #TYPING_EVERY} per room; dropped
   * when the room is not joined on the current connection (it is only a hint, never resent).
   */
  void typing(String room, long now) {
    RoomState state = session.ledger.get(room);
    if (!session.isLoggedIn() || state == null || !state.joinedOnLink) {
      return;
    }
    if (state.typingSentAt != null && now - state.typingSentAt < TYPING_EVERY.toNanos()) {
      return;
    }
    state.typingSentAt = now;
    session.outbox.send(new ClientFrame.Typing(room, null));
  }

  /**
   * Moves the read marker (never back) and tells the server, which keeps it for the user's
   * other devices. While disconnected it is kept, and sent after the room's next join.
   */
  void markRead(String room, long id) {
    RoomState state = session.ledger.get(room);
    if (state == null) {
      if (session.isLoggedIn()) {
        session.outbox.send(new ClientFrame.Read(room, id, null)); // a room the client does not follow
      }
      return;
    }
    List<Delivery> moved = state.view.markRead(id);
    session.tell(moved);
    if (!moved.isEmpty() && session.isLoggedIn() && (state.joinedOnLink || !state.wanted)) {
      session.outbox.send(new ClientFrame.Read(room, id, null));
    }
  }

  void ask(ClientFrame question, CompletableFuture<ServerFrame> answer) {
    session.requests.put(question.ref(), new Request.Query(question, answer));
    if (session.isLoggedIn()) {
      session.outbox.send(question);
    }
  }
}
