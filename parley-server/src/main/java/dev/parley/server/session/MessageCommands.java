package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Names;
import dev.parley.server.store.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code send}, {@code dm} and {@code history}. */
final class MessageCommands {
  private MessageCommands() {}

  static void send(Session s, ClientFrame.Send send) {
    if (!s.rooms().mayBeIn(send.room())) {
      s.reject(ErrorCode.NOT_IN_ROOM, "join " + send.room() + " before sending to it", send.ref());
      return;
    }
    s.services().hub().send(s, send.room(), send.text(), send.ref());
  }

  /**
   * A private message. The recipient must be registered; looking that up may need the store, so
   * on a cache miss the session waits for it, which keeps a connection's messages in order.
   */
  static void dm(Session s, ClientFrame.Dm dm) {
    if (s.isGuest()) {
      s.reject(ErrorCode.FORBIDDEN, "guests cannot send private messages; register first", dm.ref());
      return;
    }
    String toKey = Names.key(dm.to());
    var users = s.services().users();
    Optional<Account> known = users.cached(toKey);
    if (known.isPresent()) {
      deliver(s, dm, known.get());
    } else {
      s.suspendFor(() -> users.lookup(toKey), found -> {
        if (found.isPresent()) {
          deliver(s, dm, found.get());
        } else {
          s.reject(ErrorCode.NO_SUCH_USER, "no registered user " + dm.to(), dm.ref());
        }
      }, dm.ref());
    }
  }

  /**
   * Joins every connection of the two accounts to their conversation and sends. Only the
   * accounts themselves: never a guest of either name, nor a connection of an earlier account
   * of the name that has not been ended yet.
   */
  private static void deliver(Session s, ClientFrame.Dm dm, Account to) {
    String room = Names.directRoom(s.userKey(), to.key());
    var registry = s.services().registry();
    List<Session> participants = new ArrayList<>(registry.accountConnections(s.userKey(), s.accountId()));
    if (to.id() != s.accountId()) {
      participants.addAll(registry.accountConnections(to.key(), to.id()));
    }
    s.rooms().asked(room);
    s.services().hub().sendDirect(s, room, participants, dm.text(), dm.ref());
  }

  static void history(Session s, ClientFrame.History history) {
    if (RoomCommands.mayEnter(s, history.room(), history.ref())) {
      s.services().hub().history(
          s, history.room(), history.before(), history.limit(), s.readableAfter(history.room()), history.ref());
    }
  }
}
