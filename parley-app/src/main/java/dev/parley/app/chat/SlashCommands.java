package dev.parley.app.chat;

import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * What the user types: a line starting with {@code /} is a command from the table below, any
 * other line (or {@code //…}, for text that starts with a slash) is sent to the current room.
 * Answers arrive on the client's callback thread and are printed above the prompt.
 */
final class SlashCommands {
  private record Entry(String usage, String help, BiConsumer<SlashCommands, String> run) {}

  private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

  static {
    TABLE.put("/join", new Entry("/join ROOM", "join a room and make it the current one", SlashCommands::join));
    TABLE.put("/leave", new Entry("/leave", "leave the current room", (c, a) -> c.leave()));
    TABLE.put("/rooms", new Entry("/rooms", "list the public rooms", (c, a) -> c.rooms()));
    TABLE.put("/who", new Entry("/who [ROOM]", "who is in the room now", SlashCommands::who));
    TABLE.put("/msg", new Entry("/msg USER TEXT", "send a private message", SlashCommands::msg));
    TABLE.put("/history", new Entry("/history [N]", "show the last N messages of the room (20)", SlashCommands::history));
    TABLE.put("/edit", new Entry("/edit [ID] TEXT", "change your message ID (your last one) to TEXT", SlashCommands::edit));
    TABLE.put("/delete", new Entry("/delete [ID]", "delete message ID (your last one)", SlashCommands::delete));
    TABLE.put("/topic", new Entry("/topic [TEXT]", "show the room's topic, or set it (owners; - clears)", SlashCommands::topic));
    TABLE.put("/search", new Entry("/search WORDS", "find the room's messages with all these words", SlashCommands::search));
    TABLE.put("/quit", new Entry("/quit", "leave the chat", (c, a) -> c.quit = true));
    TABLE.put("/help", new Entry("/help", "this list", (c, a) -> c.help()));
  }

  static final int SEARCH_RESULTS = 20;
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final ParleyClient client;
  private final ChatScreen screen;
  /** Rooms joined, in order; touched on the input thread and the callback thread. */
  private final List<String> joined = new CopyOnWriteArrayList<>();
  /** Sends not yet acknowledged, to wait for at {@code /quit}. */
  private final List<CompletableFuture<?>> pending = new CopyOnWriteArrayList<>();
  private boolean quit;
  /** When {@link #typed} last told the room ({@link System#nanoTime}); input thread only. */
  private long typingToldAt;
  private static final long TYPING_EVERY_NANOS = java.time.Duration.ofSeconds(3).toNanos();

  SlashCommands(ParleyClient client, ChatScreen screen) {
    this.client = client;
    this.screen = screen;
  }

  /** Handles one line; false once the user asked to quit. */
  boolean handle(String line) {
    markSeen();
    String text = line.strip();
    if (text.isEmpty()) {
      return true;
    }
    if (text.startsWith("/") && !text.startsWith("//")) {
      int space = text.indexOf(' ');
      String name = space < 0 ? text : text.substring(0, space);
      String args = space < 0 ? "" : text.substring(space + 1).strip();
      Entry entry = TABLE.get(name.toLowerCase(java.util.Locale.ROOT));
      if (entry == null) {
        screen.error("unknown command " + name + "; /help lists them");
      } else {
        entry.run.accept(this, args);
      }
      return !quit;
    }
    say(text.startsWith("//") ? text.substring(1) : line);
    return true;
  }

  /**
   * The user typed a character into {@code buffer}: tell the room, at most every few seconds
   * (the library limits it too; this keeps each key press cheap). Commands are not typing.
   */
  void typed(CharSequence buffer) {
    String room = screen.currentRoom();
    boolean command = buffer.length() > 0 && buffer.charAt(0) == '/'
        && (buffer.length() < 2 || buffer.charAt(1) != '/');
    long now = System.nanoTime();
    if (room == null || command || (typingToldAt != 0 && now - typingToldAt < TYPING_EVERY_NANOS)) {
      return;
    }
    typingToldAt = now;
    client.typing(room);
  }

  List<CompletableFuture<?>> pending() {
    return pending;
  }

  void join(String typed) {
    if (typed.isEmpty()) {
      screen.error("usage: /join ROOM");
      return;
    }
    client.join(typed).whenComplete((joined, e) -> {
      if (e != null) {
        screen.error("cannot join " + typed + ": " + Reasons.of(e));
        return;
      }
      String room = joined.room(); // the server's one spelling: "Lobby" is "lobby"
      this.joined.remove(room);
      this.joined.add(room);
      screen.currentRoom(room);
      screen.info("* joined " + room + " with " + String.join(", ", joined.members()));
    });
  }

  private void leave() {
    String room = screen.currentRoom();
    if (room == null) {
      screen.error("not in a room");
      return;
    }
    joined.remove(room);
    screen.currentRoom(joined.isEmpty() ? null : joined.get(joined.size() - 1));
    client.leave(room).thenRun(() -> screen.info("* left " + room));
  }

  private void rooms() {
    client.rooms().whenComplete((rooms, e) -> {
      if (e != null) {
        screen.error("cannot list rooms: " + Reasons.of(e));
      } else if (rooms.isEmpty()) {
        screen.info("no rooms yet");
      } else {
        rooms.forEach(r -> screen.info("  " + r.room() + "  " + r.members() + " here, " + r.last() + " messages"));
      }
    });
  }

  private void who(String args) {
    String room = args.isEmpty() ? screen.currentRoom() : args;
    if (room == null) {
      screen.error("usage: /who ROOM");
      return;
    }
    client.who(room).whenComplete((members, e) -> {
      if (e != null) {
        screen.error("cannot ask who is in " + room + ": " + Reasons.of(e));
      } else {
        screen.info("in " + room + ": " + (members.isEmpty() ? "nobody" : String.join(", ", members)));
      }
    });
  }

  private void msg(String args) {
    int space = args.indexOf(' ');
    if (space < 0) {
      screen.error("usage: /msg USER TEXT");
      return;
    }
    String user = args.substring(0, space);
    track(client.dm(user, args.substring(space + 1).strip()), "to " + user);
  }

  private void history(String args) {
    String room = screen.currentRoom();
    if (room == null) {
      screen.error("not in a room");
      return;
    }
    int n;
    try {
      n = args.isEmpty() ? 20 : Integer.parseInt(args);
    } catch (NumberFormatException e) {
      screen.error("usage: /history [N]");
      return;
    }
    client.history(room, null, n).whenComplete((page, e) -> {
      if (e != null) {
        screen.error("cannot read the history of " + room + ": " + Reasons.of(e));
        return;
      }
      screen.info("--- " + room + ": the last " + page.messages().size() + " messages ---");
      page.messages().forEach(screen::message);
      screen.info("---");
    });
  }

  private void edit(String args) {
    String room = screen.currentRoom();
    MessageTarget target = MessageTarget.parse(args);
    if (room == null || target.rest().isEmpty()) {
      screen.error(room == null ? "not in a room" : "usage: /edit [ID] TEXT");
      return;
    }
    Long id = target.id() != null ? target.id() : screen.own().last(room);
    if (id == null) {
      screen.error("nothing of yours to edit in " + room + ": give its id, /edit ID TEXT");
      return;
    }
    track(client.edit(room, id, target.rest()), "(the edit of #" + id + ")");
  }

  private void delete(String args) {
    String room = screen.currentRoom();
    MessageTarget target = MessageTarget.parse(args);
    if (room == null || !target.rest().isEmpty()) {
      screen.error(room == null ? "not in a room" : "usage: /delete [ID]");
      return;
    }
    Long id = target.id() != null ? target.id() : screen.own().last(room);
    if (id == null) {
      screen.error("nothing of yours to delete in " + room + ": give its id, /delete ID");
      return;
    }
    track(client.delete(room, id), "(the delete of #" + id + ")");
  }

  private void topic(String args) {
    String room = screen.currentRoom();
    if (room == null) {
      screen.error("not in a room");
      return;
    }
    if (args.isEmpty()) {
      String topic = screen.topic(room);
      screen.info(topic.isEmpty() ? room + " has no topic" : "topic of " + room + ": " + topic);
      return;
    }
    client.setTopic(room, args.equals("-") ? "" : args).whenComplete((set, e) -> {
      if (e != null) {
        screen.error("cannot set the topic of " + room + ": " + Reasons.of(e));
      }
    });
  }

  private void search(String args) {
    String room = screen.currentRoom();
    if (room == null || args.isEmpty()) {
      screen.error(room == null ? "not in a room" : "usage: /search WORDS");
      return;
    }
    client.search(room, args, SEARCH_RESULTS).whenComplete((found, e) -> {
      if (e != null) {
        screen.error("cannot search " + room + ": " + Reasons.of(e));
        return;
      }
      screen.info("--- " + room + ": " + found.size() + (found.size() == 1 ? " message" : " messages")
          + " with " + args + ", newest first ---");
      found.forEach(m -> screen.info("  #" + m.id() + "  " + DAY_AND_TIME.format(Instant.ofEpochMilli(m.ts()))
          + "  " + m.from() + ": " + m.text()));
      screen.info("---");
    });
  }

  /** What was shown of the current room has been seen: the user is at the keyboard. */
  private void markSeen() {
    String room = screen.currentRoom();
    Long last = screen.lastShown(room);
    if (last != null) {
      client.markRead(room, last);
    }
  }

  private void help() {
    List<String> lines = new ArrayList<>();
    TABLE.values().forEach(e -> lines.add(String.format("  %-16s %s", e.usage(), e.help())));
    lines.add("  anything else is sent to the current room (start it with // to send a leading /)");
    lines.forEach(screen::info);
  }

  private void say(String text) {
    String room = screen.currentRoom();
    if (room == null) {
      screen.error("join a room first: /join ROOM");
      return;
    }
    track(client.send(room, text), "to " + room);
  }

  private void track(CompletableFuture<ServerFrame.Ack> send, String where) {
    pending.add(send);
    send.whenComplete((ack, e) -> {
      pending.remove(send);
      if (e != null) {
        screen.error("not sent " + where + ": " + Reasons.of(e));
      }
    });
  }
}
