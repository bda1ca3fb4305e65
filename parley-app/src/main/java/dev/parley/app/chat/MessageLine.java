package dev.parley.app.chat;

import dev.parley.protocol.ServerFrame;

/**
 * A message as one plain line, {@code [room] user: text}, for the pipe mode. A newline inside
 * the text is written as {@code \n} (and a backslash as {@code \\}), so one message is always
 * one line.
 */
public final class MessageLine {
  private MessageLine() {}

  public static String of(ServerFrame.Msg msg) {
    return "[" + msg.room() + "] " + msg.from() + ": " + oneLine(msg.text());
  }

  public static String oneLine(String text) {
    if (text.indexOf('\n') < 0 && text.indexOf('\\') < 0) {
      return text;
    }
    return text.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
