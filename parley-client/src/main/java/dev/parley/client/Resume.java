package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import java.util.List;

/**
 * What a login does to pick up where the last connection left off: rejoin every room the
 * application joined from the last id delivered, catch up private conversations, resend every
 * unacknowledged send with its original ref (each once its room is joined again), and ask
 * unanswered questions again. Runs on the client's loop.
 */
final class Resume {
  private final ClientSession session;

  Resume(ClientSession session) {
    this.session = session;
  }

  void afterLogin(List<ServerFrame.RoomLast> conversations, boolean welcomedBefore) {
    catchUpConversations(conversations, welcomedBefore);
    for (RoomState room : session.ledger.all()) {
      if (room.wanted) {
        sendJoin(room);
      }
    }
    releaseSends();
    session.requests.queries().forEach(q -> session.outbox.send(q.frame()));
  }

  /**
   * Private conversations: at the first login, what exists is the starting point (the
   * application asks for history if it wants it); after a reconnect, whatever is newer than what
   * was delivered is fetched with a join.
   */
  private void catchUpConversations(List<ServerFrame.RoomLast> conversations, boolean welcomedBefore) {
    for (ServerFrame.RoomLast dm : conversations) {
      RoomState room = session.ledger.track(dm.room(), welcomedBefore ? 0 : dm.last());
      if (!room.wanted) { // a wanted one catches up its reading at its join
        session.inbound().catchUpReading(room, dm.read());
      }
      if (!welcomedBefore && dm.read() < dm.last()) {
        countUnread(room, dm);
      }
      if (welcomedBefore && !room.wanted && dm.last() > room.delivered) {
        sendJoin(room);
      }
    }
  }

  /** Asks for what is above the marker (at most a page of it), for {@link RoomView#count}. */
  private void countUnread(RoomState room, ServerFrame.RoomLast dm) {
    String ref = session.refs.next();
    int limit = (int) Math.min(dm.last() - dm.read(), RoomLedger.PAGE);
    ClientFrame.History page = new ClientFrame.History(room.name, dm.last() + 1, limit, ref);
    session.requests.put(ref, new Request.Counting(room.name, page));
    session.outbox.send(page);
  }

  void sendJoin(RoomState room) {
    String ref = session.refs.next();
    session.requests.put(ref, new Request.Joining(room.name));
    room.joinInFlight = true;
    session.outbox.send(new ClientFrame.Join(room.name, room.since(), ref));
  }

  /** Whether a send may go out now: logged in, and its room (if the app joined it) joined. */
  boolean mayGo(PendingSend send) {
    if (!session.isLoggedIn()) {
      return false;
    }
    RoomState room = send.room == null ? null : session.ledger.get(send.room);
    return room == null || !room.wanted || room.joinedOnLink;
  }

  /** Sends every pending send that may go and has not gone on this connection, in order. */
  void releaseSends() {
    for (PendingSend send : session.sends.inOrder()) {
      if (!send.onLink && mayGo(send)) {
        send.onLink = true;
        session.outbox.send(send.frame);
      }
    }
  }
}
