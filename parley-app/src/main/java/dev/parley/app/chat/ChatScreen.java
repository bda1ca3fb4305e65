package dev.parley.app.chat;

import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * What the interactive client shows. Everything is printed above the prompt (JLine's {@code
 * printAbove}), so what the user is typing stays whole at the bottom; the prompt names the
 * current room and, when not connected, the connection state; the right-hand prompt is the status
 * line (the room's topic, who is typing). Printed lines cannot be redrawn, so an edit or a delete
 * is a line of its own naming the message's id ({@code * alice edited #58: new text}). Called
 * from the client's callback thread and the input thread; JLine serialises the printing, the
 * few fields are volatile and the helpers thread-safe.
 */
final class ChatScreen implements ClientListener {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
  private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
  private static final AttributedStyle GOOD = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  private static final AttributedStyle WARN = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
  private static final AttributedStyle BAD = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

  private final LineReader reader;
  private final TypingNames typing = new TypingNames();
  private final OwnMessages own = new OwnMessages();
  private final Map<String, String> topics = new ConcurrentHashMap<>();
  /** Per room, the newest id shown: what the user has seen, for the read marker. */
  private final Map<String, Long> shown = new ConcurrentHashMap<>();
  /** Redraws the status line when someone's typing stops showing. */
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chat-status");
    t.setDaemon(true);
    return t;
  });
  private volatile String me = "";
  /** The prompts last set, so that nothing is redrawn when they did not change. */
  private String shownPrompt = "";
  private String shownStatus = "";
  private volatile String room;
  private volatile ConnectionState state = ConnectionState.CONNECTING;

  ChatScreen(LineReader reader) {
    this.reader = reader;
  }

  void me(String user) {
    me = user;
  }

  String currentRoom() {
    return room;
  }

  void currentRoom(String room) {
    this.room = room;
    refreshPrompt();
  }

  OwnMessages own() {
    return own;
  }

  /** The newest message id shown in {@code room}, or {@code null}. */
  Long lastShown(String room) {
    return room == null ? null : shown.get(room);
  }

  String topic(String room) {
    return topics.getOrDefault(room, "");
  }

  /** The right-hand prompt: the current room's topic and who is typing there. */
  String status() {
    String where = room;
    if (where == null) {
      return "";
    }
    String topic = topics.getOrDefault(where, "");
    String typists = typing.text(where, System.nanoTime());
    if (topic.isEmpty() || typists.isEmpty()) {
      return topic + typists;
    }
    return typists + " | " + topic;
  }

  /** {@code lobby> }, or {@code lobby (reconnecting)> } while not connected. */
  String prompt() {
    String where = room == null ? "(no room)" : room;
    return switch (state) {
      case CONNECTED -> where + "> ";
      case CLOSED -> where + " (closed)> ";
      default -> where + " (reconnecting)> ";
    };
  }

  @Override
  public void message(ServerFrame.Msg msg) {
    shown.merge(msg.room(), msg.id(), Math::max);
    if (Names.key(msg.from()).equals(Names.key(me)) && !msg.deleted()) {
      own.sent(msg.room(), msg.id());
    }
    typing.spoke(msg.room(), msg.from());
    print(line(msg));
    refreshPrompt();
  }

  /** {@code 12:04 #58 [lobby] alice: text}, the id dim, for {@code /edit 58} and the like. */
  AttributedString line(ServerFrame.Msg msg) {
    AttributedStringBuilder line = new AttributedStringBuilder();
    line.style(DIM).append(CLOCK.format(Instant.ofEpochMilli(msg.ts()))).append(" #").append(String.valueOf(msg.id()));
    line.append(" [").append(roomLabel(msg.room())).append("] ").style(AttributedStyle.DEFAULT);
    line.style(UserColours.of(msg.from())).append(msg.from()).style(AttributedStyle.DEFAULT);
    if (msg.deleted()) {
      line.append(": ").style(DIM).append("(message deleted)");
    } else {
      line.append(": ").append(msg.text());
    }
    return line.toAttributedString();
  }

  @Override
  public void edited(String roomName, long id, String text, String by) {
    print(new AttributedString("[" + roomLabel(roomName) + "] * " + by + " edited #" + id + ": " + text, DIM));
  }

  @Override
  public void deleted(String roomName, long id, String by) {
    own.deleted(roomName, id);
    print(new AttributedString("[" + roomLabel(roomName) + "] * " + by + " deleted #" + id, DIM));
  }

  @Override
  public void typing(String roomName, String user) {
    typing.heard(roomName, user, System.nanoTime());
    refreshPrompt();
    timer.schedule(this::refreshPrompt, TypingNames.SHOWN.toMillis() + 100, TimeUnit.MILLISECONDS);
  }

  @Override
  public void topicChanged(String roomName, String topic, String by) {
    topics.put(roomName, topic);
    String line;
    if (by == null) { // learnt at a join
      line = topic.isEmpty() ? "* " + roomName + " has no topic now" : "* topic of " + roomName + ": " + topic;
    } else {
      line = topic.isEmpty() ? "* " + by + " cleared the topic of " + roomName
          : "* " + by + " set the topic of " + roomName + ": " + topic;
    }
    print(new AttributedString(line, DIM));
    refreshPrompt();
  }

  @Override
  public void presence(ServerFrame.Presence presence) {
    String verb = ServerFrame.Presence.JOIN.equals(presence.event()) ? " joined " : " left ";
    print(new AttributedString("* " + presence.user() + verb + presence.room(), DIM));
  }

  /**
   * Losing the connection, getting it back and closing are printed; the attempts in between
   * only show in the prompt, so a server that is down for a while does not flood the screen.
   */
  @Override
  public void stateChanged(ConnectionState next, String detail) {
    ConnectionState before = state;
    state = next;
    refreshPrompt();
    switch (next) {
      case CONNECTED -> print(new AttributedString("* connected: " + detail, GOOD));
      case CLOSED -> print(new AttributedString("* closed: " + detail, BAD));
      case DISCONNECTED -> {
        if (before == ConnectionState.CONNECTED) {
          print(new AttributedString("* disconnected: " + detail, WARN));
        }
      }
      default -> { }
    }
  }

  void info(String text) {
    print(new AttributedString(text, DIM));
  }

  void error(String text) {
    print(new AttributedString("! " + text, BAD));
  }

  /** A private conversation is shown as {@code @other}; a room by its name. */
  String roomLabel(String roomName) {
    if (!roomName.startsWith("dm:")) {
      return roomName;
    }
    String[] people = roomName.substring(3).split(":");
    String mine = me.toLowerCase(java.util.Locale.ROOT);
    return "@" + (people[0].equals(mine) && people.length > 1 ? people[1] : people[0]);
  }

  private synchronized void refreshPrompt() {
    String prompt = prompt();
    String status = status();
    if (prompt.equals(shownPrompt) && status.equals(shownStatus)) {
      return;
    }
    shownPrompt = prompt;
    shownStatus = status;
    if (reader instanceof org.jline.reader.impl.LineReaderImpl impl) {
      impl.setPrompt(prompt);
      impl.setRightPrompt(status);
      if (reader.isReading()) {
        try {
          impl.callWidget(LineReader.REDRAW_LINE);
          impl.callWidget(LineReader.REDISPLAY);
        } catch (IllegalStateException e) {
          // the line was finished meanwhile; the next one shows the new prompt
        }
      }
    }
  }

  private void print(AttributedString line) {
    reader.printAbove(line);
  }
}
