package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;

/**
 * The application's requests, once {@link ParleyClient} has hopped them onto the client's loop.
 * Each is recorded first (a room wanted, a send pending, a question asked) and goes out only
 * when the connection allows; after a reconnect, the record is what is sent again.
 */
final class ClientCommands {
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
    session.sends.add(send);
    if (session.resume.mayGo(send)) {
      send.onLink = true;
      session.outbox.send(send.frame);
    }
  }

  void ask(ClientFrame question, CompletableFuture<ServerFrame> answer) {
    session.requests.put(question.ref(), new Request.Query(question, answer));
    if (session.isLoggedIn()) {
      session.outbox.send(question);
    }
  }
}
