package dev.parley.protocol;

import java.util.List;

/**
 * A frame the server sends. Each knows its wire {@code type} and writes its own fields, in the
 * order the contract shows them; {@code null} fields are left out.
 */
public sealed interface ServerFrame {

  String type();

  void writeFields(FrameWriter out);

  record Welcome(
      String user,
      int protocol,
      String server,
      int heartbeat,
      String token,
      List<RoomLast> dms,
      String ref)
      implements ServerFrame {
    public String type() {
      return "welcome";
    }

    public void writeFields(FrameWriter out) {
      out.string("user", user).number("protocol", protocol).string("server", server);
      out.number("heartbeat", heartbeat).string("token", token);
      out.array("dms", dms, (w, d) -> w.string("room", d.room()).number("last", d.last()).number("read", d.read()));
      out.string("ref", ref);
    }
  }

  /**
   * A private conversation, its newest id and how far the user has read it, as listed in {@code
   * welcome.dms}.
   */
  record RoomLast(String room, long last, long read) {
    public RoomLast(String room, long last) {
      this(room, last, 0);
    }
  }

  /**
   * {@code owners} (an extension) lists the room's owners by key; empty for private rooms.
   * {@code read} is how far the user has read the room (0: nothing); {@code topic} is {@code
   * null} when none is set.
   */
  record Joined(
      String room,
      List<String> members,
      long last,
      boolean truncated,
      List<String> owners,
      long read,
      String topic,
      String ref)
      implements ServerFrame {
    public Joined(
        String room, List<String> members, long last, boolean truncated, List<String> owners, String ref) {
      this(room, members, last, truncated, owners, 0, null, ref);
    }

    public String type() {
      return "joined";
    }

    public void writeFields(FrameWriter out) {
      out.string("room", room).strings("members", members).number("last", last);
      if (truncated) {
        out.bool("truncated", true);
      }
      out.strings("owners", owners).number("read", read).string("topic", topic).string("ref", ref);
    }
  }

  /** The answer to an owner's {@code kick}, {@code ban}, {@code unban} or {@code op}. */
  record Moderated(String ref, String room, String user, Moderation action) implements ServerFrame {
    public String type() {
      return "moderated";
    }

    public void writeFields(FrameWriter out) {
      out.string("ref", ref).string("room", room).string("user", user).string("action", action.wireName());
    }
  }

  /** Told to each connection of a user removed from a room by an owner. */
  record Kicked(String room, String by, Moderation action) implements ServerFrame {
    public String type() {
      return "kicked";
    }

    public void writeFields(FrameWriter out) {
      out.string("room", room).string("by", by).string("action", action.wireName());
    }
  }

  record Left(String room, String ref) implements ServerFrame {
    public String type() {
      return "left";
    }

    public void writeFields(FrameWriter out) {
      out.string("room", room).string("ref", ref);
    }
  }

  record Ack(String ref, String room, long id, long ts) implements ServerFrame {
    public String type() {
      return "ack";
    }

    public void writeFields(FrameWriter out) {
      out.string("ref", ref).string("room", room).number("id", id).number("ts", ts);
    }
  }

  /**
   * A message. {@code edit} and {@code delete} name the message an edit or a delete is of (0
   * for an ordinary message); {@code deleted} says a message's text was erased by a later
   * delete. {@code bot} (an extension) says its sender's account is a bot's. Each is written
   * only when set, so an ordinary message's bytes are as before.
   */
  record Msg(
      String room, long id, String from, String text, long ts, boolean bot, long edit, long delete, boolean deleted)
      implements ServerFrame {
    public Msg(String room, long id, String from, String text, long ts) {
      this(room, id, from, text, ts, false);
    }

    public Msg(String room, long id, String from, String text, long ts, boolean bot) {
      this(room, id, from, text, ts, bot, 0, 0, false);
    }

    /** Whether this message edits or deletes another rather than saying something new. */
    public boolean amends() {
      return edit != 0 || delete != 0;
    }

    public String type() {
      return "msg";
    }

    public void writeFields(FrameWriter out) {
      out.string("room", room).number("id", id).string("from", from);
      out.string("text", text).number("ts", ts);
      if (edit != 0) {
        out.number("edit", edit);
      }
      if (delete != 0) {
        out.number("delete", delete);
      }
      if (deleted) {
        out.bool("deleted", true);
      }
      if (bot) {
        out.bool("bot", true);
      }
    }
  }

  record Presence(String room, String user, String event) implements ServerFrame {
    public static final String JOIN = "join";
    public static final String LEAVE = "leave";

    public String type() {
      return "presence";
    }

    public void writeFields(FrameWriter out) {
      out.string("room", room).string("user", user).string("event", event);
    }
  }

  /** The answer to {@code rooms}. */
  record RoomList(List<RoomSummary> rooms, String ref) implements ServerFrame {
    public String type() {
      return "rooms";
    }

    public void writeFields(FrameWriter out) {
      out.array(
          "rooms",
          rooms,
          (w, r) -> w.string("room", r.room()).number("members", r.members()).number("last", r.last()));
      out.string("ref", ref);
    }
  }

  record RoomSummary(String room, int members, long last) {}

  /** The answer to {@code who}. */
  record Members(String room, List<String> members, String ref) implements ServerFrame {
    public String type() {
      return "who";
    }

    public void writeFields(FrameWriter out) {
      out.string("room", room).strings("members", members).string("ref", ref);
    }
  }

  /** The answer to {@code history}. */
  record HistoryPage(String ref, String room, List<Msg> messages, boolean more)
      implements ServerFrame {
    public String type() {
      return "history";
    }

    public void writeFields(FrameWriter out) {
      out.string("ref", ref).string("room", room);
      out.array("messages", messages, (w, m) -> w.string("type", m.type()).fields(m));
      out.bool("more", more);
    }
  }

  record Ping() implements ServerFrame {
    public String type() {
      return "ping";
    }

    public void writeFields(FrameWriter out) {}
  }

  record Pong(String ref) implements ServerFrame {
    public String type() {
      return "pong";
    }

    public void writeFields(FrameWriter out) {
      out.string("ref", ref);
    }
  }

  record Bye(ByeReason reason) implements ServerFrame {
    public String type() {
      return "bye";
    }

    public void writeFields(FrameWriter out) {
      out.string("reason", reason.wireName());
    }
  }

  record Error(ErrorCode code, String message, String ref) implements ServerFrame {
    public String type() {
      return "error";
    }

    public void writeFields(FrameWriter out) {
      out.string("code", code.wireName()).string("message", message).string("ref", ref);
    }
  }

  /** Someone else in the room is typing (never stored). */
  record Typing(String room, String user) implements ServerFrame {
    public String type() {
      return "typing";
    }

    public void writeFields(FrameWriter out) {
      out.string("room", room).string("user", user);
    }
  }

  /** The user read a room up to {@code id} on another connection. */
  record Read(String room, long id) implements ServerFrame {
    public String type() {
      return "read";
    }

    public void writeFields(FrameWriter out) {
      out.string("room", room).number("id", id);
    }
  }

  /** A room's topic was set ({@code ""}: cleared) by {@code by}; {@code ref} only to the setter. */
  record Topic(String room, String text, String by, String ref) implements ServerFrame {
    public String type() {
      return "topic";
    }

    public void writeFields(FrameWriter out) {
      out.string("room", room).string("text", text).string("by", by).string("ref", ref);
    }
  }

  /** The answer to {@code search}: matching messages, newest first. */
  record SearchResults(String ref, String room, List<Msg> messages) implements ServerFrame {
    public String type() {
      return "search";
    }

    public void writeFields(FrameWriter out) {
      out.string("ref", ref).string("room", room);
      out.array("messages", messages, (w, m) -> w.string("type", m.type()).fields(m));
    }
  }
}
