package dev.parley.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Strict readers for one frame's fields: a value of another JSON type than the contract's,
 * {@code null} included, is refused rather than converted. A refusal is thrown as {@link
 * Refusal} and turned into a {@link Decoded.Rejected} by {@link FrameCodec}; it never escapes.
 */
final class Fields {
  private final ObjectNode node;
  private final String ref;

  Fields(ObjectNode node, String ref) {
    this.node = node;
    this.ref = ref;
  }

  String ref() {
    return ref;
  }

  String string(String name) {
    String value = optionalString(name);
    if (value == null) {
      throw refuse(ErrorCode.BAD_REQUEST, "missing field " + name);
    }
    return value;
  }

  String optionalString(String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw refuse(ErrorCode.BAD_REQUEST, name + " must be a string");
    }
    if (!Utf8.isEncodable(v.textValue())) {
      throw refuse(ErrorCode.BAD_REQUEST, name + " contains an unpaired surrogate");
    }
    return v.textValue();
  }

  /** A whole number no smaller than {@code min}, or {@code null} when absent. */
  Long optionalInteger(String name, long min) {
    JsonNode v = node.get(name);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw refuse(ErrorCode.BAD_REQUEST, name + " must be a whole number");
    }
    long value = v.longValue();
    if (value < min) {
      throw refuse(ErrorCode.BAD_REQUEST, name + " must be at least " + min);
    }
    return value;
  }

  /** {@code true} or {@code false}; {@code false} when absent. */
  boolean optionalBoolean(String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw refuse(ErrorCode.BAD_REQUEST, name + " must be true or false");
    }
    return v.booleanValue();
  }

  String userName(String name) {
    String value = string(name);
    if (!Names.isValidUser(value)) {
      throw refuse(ErrorCode.INVALID_NAME, "invalid user name: " + name + " " + quoted(value));
    }
    return value;
  }

  /** A room name in its one lower-case spelling, so every layer above sees one name a room. */
  String roomName(String name) {
    String value = string(name);
    String room = Names.room(value);
    if (!Names.isValidRoom(room)) {
      throw refuse(ErrorCode.INVALID_NAME, "invalid room name " + quoted(value));
    }
    return room;
  }

  String text(String name) {
    String value = string(name);
    String problem = MessageText.problem(value);
    if (problem != null) {
      throw refuse(ErrorCode.BAD_REQUEST, problem);
    }
    return value;
  }

  Refusal refuse(ErrorCode code, String message) {
    return new Refusal(new Decoded.Rejected(code, message, ref));
  }

  private static String quoted(String value) {
    int shownCodePoints = 70;
    String shown =
        value.codePointCount(0, value.length()) > shownCodePoints
            ? value.substring(0, value.offsetByCodePoints(0, shownCodePoints)) + "…"
            : value;
    return "'" + shown + "'";
  }

  /** Carries a rejection out of a nested reader; cheap, since it records no stack. */
  static final class Refusal extends RuntimeException {
    final transient Decoded.Rejected rejected;

    Refusal(Decoded.Rejected rejected) {
      super(rejected.message(), null, false, false);
      this.rejected = rejected;
    }
  }
}
