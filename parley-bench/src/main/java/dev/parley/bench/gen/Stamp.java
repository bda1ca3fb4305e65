package dev.parley.bench.gen;

import io.netty.buffer.ByteBuf;

/**
 * The text of every generated message: {@code STEP.NANOS}, the scenario's step and the
 * generator's {@link System#nanoTime()} when the message was due. Latency is measured where it
 * is received, in the same process, so both ends read the same clock.
 */
public final class Stamp {
  private Stamp() {}

  public static String text(int step, long nanos) {
    return step + "." + nanos;
  }

  /** Reads a stamp starting at {@code from}; calls back with step and nanos; false if none. */
  public static boolean read(ByteBuf buf, int from, Reader reader) {
    int end = buf.writerIndex();
    int i = from;
    long step = 0;
    int digits = 0;
    for (; i < end && isDigit(buf.getByte(i)); i++, digits++) {
      step = step * 10 + (buf.getByte(i) - '0');
    }
    if (digits == 0 || i >= end || buf.getByte(i) != '.') {
      return false;
    }
    long nanos = 0;
    boolean negative = ++i < end && buf.getByte(i) == '-';
    if (negative) {
      i++;
    }
    for (digits = 0; i < end && isDigit(buf.getByte(i)); i++, digits++) {
      nanos = nanos * 10 + (buf.getByte(i) - '0');
    }
    if (digits == 0) {
      return false;
    }
    reader.stamp((int) step, negative ? -nanos : nanos);
    return true;
  }

  /** Index just after {@code marker} in {@code buf}, or -1. */
  public static int after(ByteBuf buf, byte[] marker) {
    int last = buf.writerIndex() - marker.length;
    outer:
    for (int i = buf.readerIndex(); i <= last; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (buf.getByte(i + j) != marker[j]) {
          continue outer;
        }
      }
      return i + marker.length;
    }
    return -1;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** Receives a parsed stamp. */
  public interface Reader {
    void stamp(int step, long nanos);
  }
}
