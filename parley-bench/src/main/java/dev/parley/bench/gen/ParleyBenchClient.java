package dev.parley.bench.gen;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Speaks Parley's wire protocol: {@code hello} with a token, {@code join} without replay, and
 * {@code send}. Frames are recognised by their first field ({@code type} always comes first)
 * and only the fields the bench needs are read, so the generator stays cheap per delivery.
 */
final class ParleyBenchClient extends BenchClient {
  /** A {@code since} beyond any id: join without replaying history. */
  private static final long NO_REPLAY = 1_000_000_000_000_000L;

  private static final byte[] TYPE = bytes("{\"type\":\"");
  private static final byte[] TEXT = bytes("\"text\":\"");
  private static final byte[] REF = bytes("\"ref\":\"");
  private static final byte[] CODE = bytes("\"code\":\"");
  private static final byte[] REASON = bytes("\"reason\":\"");

  private static final byte[] MSG = bytes("msg\"");
  private static final byte[] ACK = bytes("ack\"");
  private static final byte[] WELCOME = bytes("welcome\"");
  private static final byte[] JOINED = bytes("joined\"");
  private static final byte[] PING = bytes("ping\"");
  private static final byte[] ERROR = bytes("error\"");
  private static final byte[] BYE = bytes("bye\"");

  private final String token;

  ParleyBenchClient(String room, Events events, boolean webSocket, String token) {
    super(room, events, webSocket);
    this.token = token;
  }

  @Override
  protected void linkUp() {
    writeText("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
    flush();
  }

  @Override
  public void publish(String text) {
    writeText("{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + text + "\"}");
  }

  @Override
  public void publishForAck(int step, long nanos) {
    writeText(
        "{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + Stamp.text(step, nanos)
            + "\",\"ref\":\"" + step + "." + nanos + "\"}");
  }

  @Override
  public boolean acknowledges() {
    return true;
  }

  @Override
  protected void frame(ByteBuf f) {
    int at = f.readerIndex() + TYPE.length;
    if (!startsWith(f, f.readerIndex(), TYPE)) {
      events.trouble("unreadable frame");
    } else if (startsWith(f, at, MSG)) {
      Stamp.read(f, Stamp.after(f, TEXT), events::delivered);
    } else if (startsWith(f, at, ACK)) {
      int ref = Stamp.after(f, REF);
      if (ref > 0) {
        Stamp.read(f, ref, (step, nanos) -> events.acked(nanos));
      }
    } else if (startsWith(f, at, WELCOME)) {
      writeText("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":" + NO_REPLAY + "}");
      flush();
    } else if (startsWith(f, at, JOINED)) {
      markReady();
    } else if (startsWith(f, at, PING)) {
      writeText("{\"type\":\"pong\"}");
      flush();
    } else if (startsWith(f, at, ERROR)) {
      fail("error " + field(f, CODE));
    } else if (startsWith(f, at, BYE)) {
      fail("bye " + field(f, REASON));
    }
  }

  private static String field(ByteBuf f, byte[] marker) {
    int from = Stamp.after(f, marker);
    if (from < 0) {
      return "?";
    }
    int to = f.indexOf(from, f.writerIndex(), (byte) '"');
    return f.toString(from, Math.max(0, to - from), StandardCharsets.UTF_8);
  }

  private static boolean startsWith(ByteBuf f, int at, byte[] prefix) {
    if (f.writerIndex() - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (f.getByte(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
