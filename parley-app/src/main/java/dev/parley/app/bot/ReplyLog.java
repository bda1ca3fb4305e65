package dev.parley.app.bot;

import dev.parley.app.chat.MessageLine;
import dev.parley.client.bot.BotListener;
import dev.parley.protocol.ServerFrame;
import java.io.PrintStream;

/**
 * One line per reply on standard output, {@code [room] #ID user: text -> #REPLY_ID reply}, and
 * one per failure on standard error. (A reply stored before a crash and answered again shows
 * its original id.)
 */
final class ReplyLog implements BotListener {
  private final PrintStream out;
  private final PrintStream err;

  ReplyLog(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void replied(ServerFrame.Msg message, String reply, ServerFrame.Ack ack) {
    out.println("[" + message.room() + "] #" + message.id() + " " + message.from() + ": "
        + MessageLine.oneLine(message.text()) + " -> #" + ack.id() + " " + MessageLine.oneLine(reply));
    out.flush();
  }

  @Override
  public void failed(ServerFrame.Msg message, Throwable why) {
    Throwable cause = why.getCause() != null ? why.getCause() : why;
    err.println("parley bot: no reply to #" + message.id() + " in " + message.room() + ": " + cause.getMessage());
  }
}
