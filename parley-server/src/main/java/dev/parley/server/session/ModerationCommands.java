package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Moderation;
import dev.parley.protocol.Names;

/**
 * {@code kick}, {@code ban}, {@code unban} and {@code op}. Whether the sender owns the room is
 * the room's to decide; here only that {@code op} names a registered user, which may need the
 * store (the session waits for it, keeping its frames in order).
 */
final class ModerationCommands {
  private ModerationCommands() {}

  static void moderate(Session s, ClientFrame.Moderate m) {
    if (m.action() != Moderation.OP) {
      forward(s, m);
      return;
    }
    var users = s.services().users();
    String key = Names.key(m.user());
    if (users.cached(key).isPresent()) {
      forward(s, m);
      return;
    }
    s.suspendFor(() -> users.lookup(key), found -> {
      if (found.isPresent()) {
        forward(s, m);
      } else {
        s.reject(ErrorCode.NO_SUCH_USER, "only a registered user can be an owner", m.ref());
      }
    }, m.ref());
  }

  private static void forward(Session s, ClientFrame.Moderate m) {
    s.services().hub().moderate(s, m.action(), m.room(), m.user(), m.ref());
  }
}
