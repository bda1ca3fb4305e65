package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Names;

/** {@code join}, {@code leave}, {@code who} and {@code rooms}. */
final class RoomCommands {
  private RoomCommands() {}

  static void join(Session s, ClientFrame.Join join) {
    if (!mayEnter(s, join.room(), join.ref())) {
      return;
    }
    int max = s.services().maxRoomsPerConnection();
    if (!s.rooms().mayBeIn(join.room()) && s.rooms().count() >= max) {
      s.reject(ErrorCode.FORBIDDEN, "a connection may be in at most " + max + " rooms", join.ref());
      return;
    }
    s.rooms().asked(join.room());
    s.services().hub().join(s, join.room(), join.since(), s.readableAfter(join.room()), join.ref());
  }

  static void leave(Session s, ClientFrame.Leave leave) {
    if (!s.rooms().mayBeIn(leave.room())) {
      s.reject(ErrorCode.NOT_IN_ROOM, "not in room " + leave.room(), leave.ref());
      return;
    }
    s.services().hub().leave(s, leave.room(), leave.ref());
  }

  static void who(Session s, ClientFrame.Who who) {
    if (mayEnter(s, who.room(), who.ref())) {
      s.services().hub().who(s, who.room(), who.ref());
    }
  }

  static void rooms(Session s, ClientFrame.ListRooms rooms) {
    s.services().hub().listRooms(s, rooms.ref());
  }

  /**
   * Private conversations are for their two accounts only (never a guest, whatever its name);
   * public rooms are open to all.
   */
  static boolean mayEnter(Session s, String room, String ref) {
    if (Names.isDirect(room) && !(s.isRegistered() && Names.isParticipant(room, s.userKey()))) {
      s.reject(ErrorCode.FORBIDDEN, "that private conversation is not yours", ref);
      return false;
    }
    return true;
  }
}
