package dev.parley.bench.gen;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the parts of an IRC line ({@code [:prefix] COMMAND params [:trailing]}, without its
 * CRLF) that the bench needs, in place: no string is made for the hot path, a channel message.
 */
public final class IrcLine {
  private static final byte[] PRIVMSG = "PRIVMSG".getBytes(StandardCharsets.US_ASCII);

  private IrcLine() {}

  /** Index of the command's first byte (after any {@code :prefix }), or -1 when there is none. */
  public static int commandStart(ByteBuf line) {
    int i = line.readerIndex();
    int end = line.writerIndex();
    if (i < end && line.getByte(i) == ':') {
      i = line.indexOf(i, end, (byte) ' ');
      if (i < 0) {
        return -1;
      }
      while (i < end && line.getByte(i) == ' ') {
        i++;
      }
    }
    return i < end ? i : -1;
  }

  /** The command ({@code PRIVMSG}, {@code 001}, {@code PING}), or the empty string. */
  public static String command(ByteBuf line) {
    int start = commandStart(line);
    if (start < 0) {
      return "";
    }
    int end = line.indexOf(start, line.writerIndex(), (byte) ' ');
    return line.toString(start, (end < 0 ? line.writerIndex() : end) - start, StandardCharsets.UTF_8);
  }

  /** Whether the line is a {@code PRIVMSG}. */
  public static boolean isPrivmsg(ByteBuf line) {
    int start = commandStart(line);
    if (start < 0 || start + PRIVMSG.length > line.writerIndex()) {
      return false;
    }
    for (int j = 0; j < PRIVMSG.length; j++) {
      if (line.getByte(start + j) != PRIVMSG[j]) {
        return false;
      }
    }
    return start + PRIVMSG.length == line.writerIndex() || line.getByte(start + PRIVMSG.length) == ' ';
  }

  /** Index of the trailing parameter's first byte (after {@code " :"}), or -1 when there is none. */
  public static int trailingStart(ByteBuf line) {
    int start = commandStart(line);
    if (start < 0) {
      return -1;
    }
    int end = line.writerIndex();
    for (int i = start; i + 1 < end; i++) {
      if (line.getByte(i) == ' ' && line.getByte(i + 1) == ':') {
        return i + 2;
      }
    }
    return -1;
  }

  /** The trailing parameter, or the empty string. */
  public static String trailing(ByteBuf line) {
    int start = trailingStart(line);
    return start < 0 ? "" : line.toString(start, line.writerIndex() - start, StandardCharsets.UTF_8);
  }

  /** The {@code n}th parameter before the trailing one (0 is the first after the command), or "". */
  public static String param(ByteBuf line, int n) {
    int start = commandStart(line);
    if (start < 0) {
      return "";
    }
    int end = line.writerIndex();
    int i = line.indexOf(start, end, (byte) ' ');
    for (int k = 0; i >= 0 && i < end; k++) {
      while (i < end && line.getByte(i) == ' ') {
        i++;
      }
      if (i >= end || line.getByte(i) == ':') {
        return "";
      }
      int next = line.indexOf(i, end, (byte) ' ');
      int stop = next < 0 ? end : next;
      if (k == n) {
        return line.toString(i, stop - i, StandardCharsets.UTF_8);
      }
      i = stop;
    }
    return "";
  }
}
