package dev.parley.server.fuzz;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.FrameCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the contract says the server must answer to a payload, read the way the TCP transport
 * reads it: split at {@code \n} (a {@code \r} before it dropped), blank lines skipped, a line
 * over the limit answered with {@code too_large} and the end of the connection. Every line the
 * codec refuses must get its error, with the same code and ref, in order.
 */
final class ExpectedAnswers {
  /** An error the server owes: its code's wire name and the ref it must carry. */
  record Rejection(String code, String ref) {}

  final List<Rejection> rejections = new ArrayList<>();
  /** Pings carrying the sentinel ref, so the reader knows which pong is the last. */
  int sentinelPings;
  /** A line over the limit comes before the end: the server must close after too_large. */
  boolean overLimit;
  /** A bye or logout frame comes before the end: the server may close (it is asked to). */
  boolean closeAsked;

  static ExpectedAnswers of(byte[] payload, int maxFrameBytes, FrameCodec codec, String sentinel) {
    ExpectedAnswers expected = new ExpectedAnswers();
    boolean handled = true; // frames after a close are not handled, so nothing is owed for them
    int start = 0;
    for (int i = 0; i < payload.length; i++) {
      if (payload[i] != '\n') {
        continue;
      }
      int end = i > start && payload[i - 1] == '\r' ? i - 1 : i;
      byte[] line = Arrays.copyOfRange(payload, start, end);
      start = i + 1;
      if (line.length > maxFrameBytes) {
        expected.overLimit |= handled;
        handled = false;
        continue;
      }
      if (isBlank(line)) {
        continue;
      }
      Decoded decoded = codec.decode(line);
      if (decoded instanceof Decoded.Rejected r && handled) {
        expected.rejections.add(new Rejection(r.code().wireName(), r.ref()));
      } else if (decoded instanceof Decoded.Frame f) {
        if (f.frame() instanceof ClientFrame.Ping ping && sentinel.equals(ping.ref())) {
          expected.sentinelPings++;
        }
        if (f.frame() instanceof ClientFrame.Bye || f.frame() instanceof ClientFrame.Logout) {
          expected.closeAsked |= handled;
          handled = false;
        }
      }
    }
    return expected;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
