package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client does with each frame the server sends: one small handler per frame type,
 * looked up in a table. Replies are matched to what asked for them by ref. Runs on the
 * client's loop, on the session's state.
 */
final class Inbound {
  private static final Logger log = LoggerFactory.getLogger(Inbound.class);

  private static final Map<Class<? extends ServerFrame>, BiConsumer<Inbound, ServerFrame>> TABLE =
      Map.ofEntries(
          handler(ServerFrame.Welcome.class, Inbound::welcome),
          handler(ServerFrame.Joined.class, Inbound::joined),
          handler(ServerFrame.Left.class, Inbound::left),
          handler(ServerFrame.Ack.class, Inbound::ack),
          handler(ServerFrame.Msg.class, Inbound::msg),
          handler(ServerFrame.Presence.class, (in, p) -> in.session.callbacks.run(() -> in.session.listeners.presence(p))),
          handler(ServerFrame.RoomList.class, (in, r) -> in.answer(r.ref(), r)),
          handler(ServerFrame.Members.class, (in, m) -> in.answer(m.ref(), m)),
          handler(ServerFrame.HistoryPage.class, Inbound::history),
          handler(ServerFrame.Ping.class, (in, p) -> in.session.outbox.sendNow(new ClientFrame.Pong(null))),
          handler(ServerFrame.Pong.class, (in, p) -> {}),
          handler(ServerFrame.Bye.class, (in, b) -> in.session.goodbye(b.reason() == null ? "no reason" : b.reason().wireName())),
          handler(ServerFrame.Error.class, Inbound::error),
          handler(ServerFrame.Typing.class, Inbound::typing),
          handler(ServerFrame.Read.class, Inbound::read),
          handler(ServerFrame.Topic.class, Inbound::topic),
          handler(ServerFrame.SearchResults.class, (in, r) -> in.answer(r.ref(), r)));

  private final ClientSession session;

  Inbound(ClientSession session) {
    this.session = session;
  }

  void handle(ServerFrame frame) {
    BiConsumer<Inbound, ServerFrame> handler = TABLE.get(frame.getClass());
    if (handler == null) {
      log.debug("ignoring a {} frame", frame.type()); // one this client has no use for
      return;
    }
    handler.accept(this, frame);
  }

  private void welcome(ServerFrame.Welcome welcome) {
    session.requests.take(welcome.ref());
    session.welcomed(welcome);
  }

  private void joined(ServerFrame.Joined joined) {
    session.requests.take(joined.ref());
    RoomState room = session.ledger.get(joined.room());
    if (room == null) {
      return; // left meanwhile
    }
    room.joinInFlight = false;
    room.joinedOnLink = true;
    if (room.delivered == RoomState.NONE && joined.last() == 0) {
      room.delivered = 0;
    }
    catchUpReading(room, joined.read());
    session.tell(room.view.topic(joined.topic(), null));
    room.joinWaiters.forEach(w -> session.callbacks.complete(w, joined));
    room.joinWaiters.clear();
    session.resume.releaseSends();
    fillGap(room);
  }

  /**
   * The server's read marker for a room, at a join: one further on (read on another device
   * meanwhile) moves the client's; one behind (marked here while the connection was down) is
   * sent again.
   */
  void catchUpReading(RoomState room, long serverRead) {
    session.tell(room.view.markRead(serverRead));
    if (room.view.read() > serverRead) {
      session.outbox.send(new ClientFrame.Read(room.name, room.view.read(), null));
    }
  }

  private void typing(ServerFrame.Typing typing) {
    if (session.ledger.get(typing.room()) != null) {
      session.callbacks.run(() -> session.listeners.typing(typing.room(), typing.user()));
    }
  }

  private void read(ServerFrame.Read read) {
    RoomState room = session.ledger.get(read.room());
    if (room != null) {
      session.tell(room.view.markRead(read.id()));
    }
  }

  private void topic(ServerFrame.Topic topic) {
    RoomState room = session.ledger.get(topic.room());
    if (room != null) {
      session.tell(room.view.topic(topic.text(), topic.by()));
    }
    answer(topic.ref(), topic);
  }

  private void left(ServerFrame.Left left) {
    if (session.requests.take(left.ref()) instanceof Request.Leaving leaving) {
      session.callbacks.complete(leaving.left(), null);
    }
  }

  private void ack(ServerFrame.Ack ack) {
    PendingSend send = session.sends.remove(ack.ref());
    if (send != null) {
      session.callbacks.complete(send.acked, ack);
    }
  }

  private void msg(ServerFrame.Msg msg) {
    deliver(session.ledger.offer(msg));
    RoomState room = session.ledger.get(msg.room());
    if (room != null) {
      fillGap(room);
    }
  }

  private void history(ServerFrame.HistoryPage page) {
    Request request = session.requests.take(page.ref());
    if (request instanceof Request.Query query) {
      RoomState room = session.ledger.get(page.room());
      RoomView view = room != null ? room.view : new RoomView(page.room()); // history without a join
      ServerFrame.HistoryPage shown =
          new ServerFrame.HistoryPage(page.ref(), page.room(), view.fold(page.messages()), page.more());
      session.callbacks.complete(query.answer(), shown);
    } else if (request instanceof Request.Counting) {
      RoomState room = session.ledger.get(page.room());
      if (room != null) {
        session.tell(room.view.count(page.messages(), session.user()));
      }
    } else if (request instanceof Request.Filling) {
      RoomState room = session.ledger.get(page.room());
      if (room != null) {
        room.fillInFlight = false;
        deliver(session.ledger.filled(room, page.messages()));
        fillGap(room);
      }
    }
  }

  private void answer(String ref, ServerFrame answer) {
    if (session.requests.take(ref) instanceof Request.Query query) {
      session.callbacks.complete(query.answer(), answer);
    }
  }

  private void deliver(List<ServerFrame.Msg> ready) {
    for (ServerFrame.Msg m : ready) {
      RoomState room = session.ledger.get(m.room());
      if (room != null) {
        session.tell(room.view.take(m, session.user()));
      }
    }
  }

  /** Asks for the history page that fills a room's gap, if it has one and nothing else will. */
  private void fillGap(RoomState room) {
    Long before = session.isLoggedIn() ? session.ledger.fillBefore(room) : null;
    if (before == null) {
      return;
    }
    String ref = session.refs.next();
    session.requests.put(ref, new Request.Filling(room.name));
    room.fillInFlight = true;
    session.outbox.send(new ClientFrame.History(room.name, before, RoomLedger.PAGE, ref));
  }

  private void error(ServerFrame.Error error) {
    String ref = error.ref();
    boolean busy = error.code() == ErrorCode.RATE_LIMITED;
    PendingSend send = session.sends.get(ref);
    if (send != null) {
      if (busy) {
        session.outbox.retry(send.frame);
        log.debug("rate limited; resending {} at {} frames/s", ref, session.outbox.rate());
      } else {
        session.sends.remove(ref);
        session.callbacks.fail(send.acked, refusal(error));
      }
      return;
    }
    Request request = session.requests.take(ref);
    if (request == null) {
      log.warn("the server reported an error: {} {}", error.code().wireName(), error.message());
    } else if (request instanceof Request.Login) {
      loginRefused(error);
    } else if (busy) {
      session.requests.put(ref, request);
      session.outbox.retry(frameOf(request, ref));
    } else if (request instanceof Request.Joining joining) {
      joinRefused(joining.room(), error);
    } else if (request instanceof Request.Leaving leaving) {
      session.callbacks.complete(leaving.left(), null); // not in the room: left all the same
    } else if (request instanceof Request.Query query) {
      session.callbacks.fail(query.answer(), refusal(error));
    } else if (request instanceof Request.Filling filling) {
      log.warn("cannot fill a gap in {}: {}", filling.room(), error.message());
    } else if (request instanceof Request.Counting counting) {
      log.warn("cannot count the unread messages of {}: {}", counting.room(), error.message());
    }
  }

  /** The frame to send again for a request refused for the rate. */
  private ClientFrame frameOf(Request request, String ref) {
    if (request instanceof Request.Query query) {
      return query.frame();
    }
    if (request instanceof Request.Counting counting) {
      return counting.frame();
    }
    if (request instanceof Request.Joining joining) {
      RoomState room = session.ledger.get(joining.room());
      return new ClientFrame.Join(joining.room(), room == null ? null : room.since(), ref);
    }
    if (request instanceof Request.Leaving leaving) {
      return new ClientFrame.Leave(leaving.room(), ref);
    }
    RoomState room = session.ledger.get(((Request.Filling) request).room());
    long before = room == null ? 1 : room.delivered + 1 + RoomLedger.PAGE;
    return new ClientFrame.History(((Request.Filling) request).room(), before, RoomLedger.PAGE, ref);
  }

  private void joinRefused(String roomName, ServerFrame.Error error) {
    RoomState room = session.ledger.forget(roomName);
    if (room != null) {
      room.joinWaiters.forEach(w -> session.callbacks.fail(w, refusal(error)));
    }
    session.resume.releaseSends(); // sends waiting for this room go out, and get the server's answer
  }

  private void loginRefused(ServerFrame.Error error) {
    switch (session.login.refused(error.code())) {
      case AGAIN_NOW -> session.sendLogin();
      case RECONNECT_LATER -> session.reconnectLater("login refused (" + error.code().wireName() + ")");
      case GIVE_UP -> session.end(refusal(error), "login refused: " + error.message());
    }
  }

  private static ParleyException refusal(ServerFrame.Error error) {
    return new ParleyException(error.code(), error.message());
  }

  private static <F extends ServerFrame> Map.Entry<Class<? extends ServerFrame>, BiConsumer<Inbound, ServerFrame>>
      handler(Class<F> type, BiConsumer<Inbound, F> handler) {
    return Map.entry(type, (in, frame) -> handler.accept(in, type.cast(frame)));
  }
}
