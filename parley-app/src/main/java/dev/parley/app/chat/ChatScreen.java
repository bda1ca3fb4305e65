package dev.parley.app.chat;

import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * What the interactive client shows. Everything is printed above the prompt (JLine's {@code
 * printAbove}), so what the user is typing stays whole at the bottom; the prompt names the
 * current room and, when not connected, the connection state. Called from the client's callback
 * thread and the input thread; JLine serialises the printing, and the few fields are volatile.
 */
final class ChatScreen implements ClientListener {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
  private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
  private static final AttributedStyle GOOD = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  private static final AttributedStyle WARN = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
  private static final AttributedStyle BAD = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

  private final LineReader reader;
  private volatile String me = "";
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
    AttributedStringBuilder line = new AttributedStringBuilder();
    line.style(DIM).append(CLOCK.format(Instant.ofEpochMilli(msg.ts()))).append(' ');
    line.append("[").append(roomLabel(msg.room())).append("] ").style(AttributedStyle.DEFAULT);
    line.style(UserColours.of(msg.from())).append(msg.from()).style(AttributedStyle.DEFAULT);
    line.append(": ").append(msg.text());
    print(line.toAttributedString());
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

  private void refreshPrompt() {
    if (reader instanceof org.jline.reader.impl.LineReaderImpl impl) {
      impl.setPrompt(prompt());
    }
  }

  private void print(AttributedString line) {
    reader.printAbove(line);
  }
}
