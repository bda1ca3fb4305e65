package dev.parley.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Turns fuzzer data into what one connection sends: mostly frames of the real types with real
 * names, some fields swapped for wrong types or odd strings, now and then raw bytes or a line
 * over the frame limit. Staying mostly valid lets the fuzzer get past logging in and joining,
 * into sending, history and moderation.
 */
final class FuzzedFrames {
  private static final List<String> TYPES =
      List.of("hello", "hello", "hello", "join", "join", "send", "send", "send", "leave", "rooms",
          "who", "dm", "history", "history", "ping", "pong", "kick", "ban", "unban", "op",
          "logout", "bye", "register");
  private static final List<String> USERS = List.of("ann", "bob", "Ann", "carol.x", "dave-1");
  private static final List<String> ROOMS = List.of("lobby", "1001", "a", "dm:ann:bob", "dm:bob:carol.x");
  private static final String PASSWORD = "correct horse";
  private static final int MAX_FRAMES = 12;
  private static final int MAX_STRING = 80;

  private final ObjectMapper json = new ObjectMapper();
  private final int maxFrameBytes;

  FuzzedFrames(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** The bytes to send: lines separated by {@code \n} or {@code \r\n}. */
  byte[] payload(FuzzedDataProvider data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int frames = data.consumeInt(1, MAX_FRAMES);
    for (int i = 0; i < frames && data.remainingBytes() > 0; i++) {
      out.writeBytes(line(data));
      out.writeBytes(data.consumeBoolean() ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
    }
    return out.toByteArray();
  }

  private byte[] line(FuzzedDataProvider data) {
    int kind = data.consumeInt(0, 19);
    if (kind == 0) {
      return data.consumeBytes(MAX_STRING * 2); // anything at all, newlines included
    }
    if (kind == 1) {
      return overLimit(data);
    }
    return frame(data);
  }

  /** A line over the limit: the server answers {@code too_large} and closes. */
  private byte[] overLimit(FuzzedDataProvider data) {
    byte[] line = new byte[maxFrameBytes + 1 + data.consumeInt(0, 64)];
    Arrays.fill(line, (byte) 'x');
    return line;
  }

  private byte[] frame(FuzzedDataProvider data) {
    String type = data.pickValue(TYPES);
    ObjectNode frame = json.createObjectNode();
    frame.put("type", type);
    switch (type) {
      case "hello" -> {
        frame.put("user", user(data));
        int how = data.consumeInt(0, 5);
        if (how == 0) {
          frame.put("password", data.consumeBoolean() ? PASSWORD : text(data));
        } else if (how == 1) {
          frame.put("token", text(data));
        }
      }
      case "register" -> frame.put("user", user(data)).put("password", PASSWORD);
      case "join" -> {
        frame.put("room", room(data));
        if (data.consumeBoolean()) {
          frame.put("since", data.consumeLong(-2, 2000));
        }
      }
      case "leave", "who" -> frame.put("room", room(data));
      case "send" -> frame.put("room", room(data)).put("text", text(data));
      case "dm" -> frame.put("to", user(data)).put("text", text(data));
      case "history" -> {
        frame.put("room", room(data));
        if (data.consumeBoolean()) {
          frame.put("before", data.consumeLong(-2, 2000));
        }
        if (data.consumeBoolean()) {
          frame.put("limit", data.consumeLong(-1, 300));
        }
      }
      case "kick", "ban", "unban", "op" -> frame.put("room", room(data)).put("user", user(data));
      default -> {}
    }
    if (data.consumeBoolean()) {
      frame.put("ref", data.consumeBoolean() ? "r" + data.consumeInt(0, 99) : text(data));
    }
    mistype(frame, data);
    return bytes(frame, data);
  }

  /** Sometimes one field gets a value of the wrong JSON type. */
  private void mistype(ObjectNode frame, FuzzedDataProvider data) {
    if (data.consumeInt(0, 7) != 0) {
      return;
    }
    String field = data.pickValue(List.of("type", "room", "user", "text", "ref", "since", "limit", "to"));
    switch (data.consumeInt(0, 4)) {
      case 0 -> frame.putNull(field);
      case 1 -> frame.put(field, data.consumeLong());
      case 2 -> frame.put(field, data.consumeBoolean());
      case 3 -> frame.putArray(field).add(text(data));
      default -> frame.put(field, data.consumeDouble());
    }
  }

  /** The frame's JSON, or now and then its bytes with a few mutated (broken JSON, bad UTF-8). */
  private byte[] bytes(ObjectNode frame, FuzzedDataProvider data) {
    byte[] bytes;
    try {
      // Jackson's own bytes, not String.getBytes: an unpaired surrogate stays an escape.
      bytes = json.writeValueAsBytes(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (data.consumeInt(0, 9) == 0) {
      int flips = data.consumeInt(1, 3);
      for (int i = 0; i < flips && bytes.length > 0; i++) {
        bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
      }
    }
    return bytes;
  }

  private static String user(FuzzedDataProvider data) {
    return data.consumeInt(0, 9) == 0 ? data.consumeString(MAX_STRING) : data.pickValue(USERS);
  }

  private static String room(FuzzedDataProvider data) {
    return data.consumeInt(0, 9) == 0 ? data.consumeString(MAX_STRING) : data.pickValue(ROOMS);
  }

  private static String text(FuzzedDataProvider data) {
    return data.consumeString(MAX_STRING);
  }
}
