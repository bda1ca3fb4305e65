package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;

/** {@code typing}, {@code read}, {@code edit}, {@code delete}, {@code topic} and {@code search}. */
final class ConversationCommands {
  private ConversationCommands() {}

  static void typing(Session s, ClientFrame.Typing typing) {
    if (inRoom(s, typing.room(), typing.ref())) {
      s.services().hub().typing(s, typing.room(), typing.ref());
    }
  }

  static void read(Session s, ClientFrame.Read read) {
    if (RoomCommands.mayEnter(s, read.room(), read.ref())) {
      s.services().hub().markRead(s, read.room(), read.id(), read.ref());
    }
  }

  static void edit(Session s, ClientFrame.Edit edit) {
    if (inRoom(s, edit.room(), edit.ref())) {
      s.services().hub().amend(s, edit.room(), edit.id(), 0, edit.text(), edit.ref());
    }
  }

  static void delete(Session s, ClientFrame.Delete delete) {
    if (inRoom(s, delete.room(), delete.ref())) {
      s.services().hub().amend(s, delete.room(), 0, delete.id(), "", delete.ref());
    }
  }

  static void topic(Session s, ClientFrame.Topic topic) {
    if (RoomCommands.mayEnter(s, topic.room(), topic.ref())) {
      s.services().hub().setTopic(s, topic.room(), topic.text(), topic.ref());
    }
  }

  static void search(Session s, ClientFrame.Search search) {
    if (RoomCommands.mayEnter(s, search.room(), search.ref())) {
      s.services().hub().search(
          s, search.room(), search.words(), s.readableAfter(search.room()), search.limit(), search.ref());
    }
  }

  /** As for {@code send}: the room must have been joined on this connection. */
  private static boolean inRoom(Session s, String room, String ref) {
    if (!s.rooms().mayBeIn(room)) {
      s.reject(ErrorCode.NOT_IN_ROOM, "join " + room + " first", ref);
      return false;
    }
    return true;
  }
}
