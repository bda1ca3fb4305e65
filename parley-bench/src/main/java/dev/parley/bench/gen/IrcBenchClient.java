package dev.parley.bench.gen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Speaks IRC to InspIRCd: asks for IRCv3 {@code echo-message} (so that a sender gets its own
 * message back, as from Parley, the floor and Mosquitto), registers with NICK and USER, joins
 * {@code #ROOM} and sends each stamped message as {@code PRIVMSG #ROOM :STEP.NANOS}. Every
 * channel message received is timed from its stamp; a PING is answered.
 */
final class IrcBenchClient extends BenchClient {
  private final String nick;
  private final String channelName;

  IrcBenchClient(String room, Events events, String nick) {
    super(room, events, false);
    this.nick = nick;
    this.channelName = "#" + room;
  }

  @Override
  protected void linkUp() {
    line("CAP REQ :echo-message");
    line("NICK " + nick);
    line("USER bench 0 * :bench");
    line("CAP END");
    flush();
  }

  @Override
  public void publish(String text) {
    line("PRIVMSG " + channelName + " :" + text);
  }

  private void line(String text) {
    ByteBuf buf = ByteBufUtil.writeAscii(channel.alloc(), text);
    buf.writeByte('\r').writeByte('\n');
    channel.write(buf, channel.voidPromise());
  }

  @Override
  protected void frame(ByteBuf line) {
    if (IrcLine.isPrivmsg(line)) {
      int text = IrcLine.trailingStart(line);
      if (text >= 0) {
        Stamp.read(line, text, events::delivered);
      }
      return;
    }
    String command = IrcLine.command(line);
    switch (command) {
      case "PING" -> {
        line("PONG :" + IrcLine.trailing(line));
        flush();
      }
      case "001" -> { // registered
        line("JOIN " + channelName);
        flush();
      }
      case "366" -> markReady(); // end of the channel's names: joined
      case "ERROR" -> fail("closed by the server: " + IrcLine.trailing(line));
      default -> {
        if (isRefusal(command)) {
          fail("refused: " + line.toString(StandardCharsets.UTF_8));
        }
      }
    }
  }

  /** Error numerics (400–599) say that a command was refused; 422, no MOTD, is only news. */
  private static boolean isRefusal(String command) {
    return command.length() == 3 && !command.equals("422") && (command.charAt(0) == '4' || command.charAt(0) == '5')
        && Character.isDigit(command.charAt(1)) && Character.isDigit(command.charAt(2));
  }
}
