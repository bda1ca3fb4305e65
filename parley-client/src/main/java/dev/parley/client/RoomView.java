package dev.parley.client;

import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A room as the application sees it, beyond the exactly-once order of {@link RoomLedger}: edits
 * and deletes are applied to the messages they name instead of being shown as new ones, the read
 * marker only moves forward, and the unread count is the number of ordinary messages from others
 * above it (among those the client received; at most {@value UnreadIds#MAX}). Loop-owned.
 */
final class RoomView {
  /** Amendments remembered per room, for messages that may still come in a history page. */
  static final int MAX_AMENDMENTS = 10_000;

  /** The newest change to a message: its text from an edit, or its deletion. */
  record Amendment(long id, String text, boolean deleted) {}

  private final String room;
  private long read;
  private final UnreadIds unread = new UnreadIds();
  private final TreeMap<Long, Amendment> amended = new TreeMap<>();
  private String topic = "";

  RoomView(String room) {
    this.room = room;
  }

  long read() {
    return read;
  }

  int unread() {
    return unread.size();
  }

  String topic() {
    return topic;
  }

  /** The next message delivered in id order; {@code me} is the user's name. */
  List<Delivery> take(ServerFrame.Msg msg, String me) {
    List<Delivery> out = new ArrayList<>();
    if (msg.edit() != 0) {
      // An edit of a message deleted later is replayed erased: the delete that follows tells.
      if (remember(msg.edit(), new Amendment(msg.id(), msg.text(), msg.deleted())) && !msg.deleted()) {
        out.add(new Delivery.Edited(room, msg.edit(), msg.text(), msg.from()));
      }
    } else if (msg.delete() != 0) {
      remember(msg.delete(), new Amendment(msg.id(), "", true));
      out.add(new Delivery.Deleted(room, msg.delete(), msg.from()));
      if (unread.remove(msg.delete())) {
        out.add(new Delivery.UnreadChanged(room, unread.size()));
      }
    } else {
      out.add(new Delivery.Message(applied(msg)));
      if (msg.id() > read && !msg.deleted() && me != null && !Names.key(msg.from()).equals(Names.key(me))) {
        if (unread.add(msg.id())) {
          out.add(new Delivery.UnreadChanged(room, unread.size()));
        }
      }
    }
    return out;
  }

  /**
   * Counts, as unread, the messages of a history page that the client was not given (they are
   * older than where delivery started) but lie above the read marker.
   */
  List<Delivery> count(List<ServerFrame.Msg> page, String me) {
    int before = unread.size();
    for (ServerFrame.Msg m : fold(page)) {
      if (m.id() > read && !m.deleted() && me != null && !Names.key(m.from()).equals(Names.key(me))) {
        unread.add(m.id());
      }
    }
    return unread.size() == before ? List.of() : List.of(new Delivery.UnreadChanged(room, unread.size()));
  }

  /** The read marker moves to {@code id} if that is further on; nothing otherwise. */
  List<Delivery> markRead(long id) {
    if (id <= read) {
      return List.of();
    }
    read = id;
    List<Delivery> out = new ArrayList<>();
    out.add(new Delivery.ReadMoved(room, id));
    if (unread.removeUpTo(id)) {
      out.add(new Delivery.UnreadChanged(room, unread.size()));
    }
    return out;
  }

  /** The topic is {@code text} ({@code ""}: none); told only when it changed. */
  List<Delivery> topic(String text, String by) {
    String now = text == null ? "" : text;
    if (now.equals(topic)) {
      return List.of();
    }
    topic = now;
    return List.of(new Delivery.TopicChanged(room, now, by));
  }

  /**
   * A history page as the application should see it: the edits and deletes it holds are
   * learnt and applied to their messages (in it, or met later), and only ordinary messages are
   * left, each with its newest text.
   */
  List<ServerFrame.Msg> fold(List<ServerFrame.Msg> page) {
    for (ServerFrame.Msg m : page) {
      if (m.edit() != 0) {
        remember(m.edit(), new Amendment(m.id(), m.text(), m.deleted()));
      } else if (m.delete() != 0) {
        remember(m.delete(), new Amendment(m.id(), "", true));
      }
    }
    List<ServerFrame.Msg> shown = new ArrayList<>();
    for (ServerFrame.Msg m : page) {
      if (!m.amends()) {
        shown.add(applied(m));
      }
    }
    return shown;
  }

  /** The message with its newest known text, or marked deleted. */
  ServerFrame.Msg applied(ServerFrame.Msg msg) {
    Amendment a = amended.get(msg.id());
    if (a == null || msg.deleted()) {
      return msg;
    }
    return new ServerFrame.Msg(msg.room(), msg.id(), msg.from(), a.deleted() ? "" : a.text(), msg.ts(), msg.bot(),
        0, 0, a.deleted());
  }

  /** Keeps the newest amendment of {@code target} (a deletion is final); true when it changed. */
  private boolean remember(long target, Amendment next) {
    Amendment known = amended.get(target);
    if (known != null && (known.deleted() || (!next.deleted() && known.id() >= next.id()))) {
      return false;
    }
    amended.put(target, next);
    if (amended.size() > MAX_AMENDMENTS) {
      amended.pollFirstEntry(); // the oldest messages are the least likely to be paged to
    }
    return true;
  }
}
