package dev.parley.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Readers for one server frame's fields, for {@link ServerFrameDecoder}. A required field that
 * is missing or of another JSON type throws {@link Missing}, which the decoder turns into a
 * {@link ServerDecoded.Malformed}; it never escapes.
 */
final class ServerFields {
  private final ObjectNode node;

  ServerFields(ObjectNode node) {
    this.node = node;
  }

  String ref() {
    return optionalString("ref");
  }

  String string(String name) {
    String value = optionalString(name);
    if (value == null) {
      throw new Missing("missing string " + name);
    }
    return value;
  }

  String optionalString(String name) {
    JsonNode v = node.get(name);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  long number(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new Missing("missing whole number " + name);
    }
    return v.longValue();
  }

  /** A whole number, 0 when absent. */
  long optionalNumber(String name) {
    return node.get(name) == null ? 0 : number(name);
  }

  boolean optionalBool(String name) {
    JsonNode v = node.get(name);
    return v != null && v.isBoolean() && v.booleanValue();
  }

  List<String> strings(String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode v : array(name)) {
      if (!v.isTextual()) {
        throw new Missing(name + " must hold strings");
      }
      values.add(v.textValue());
    }
    return List.copyOf(values);
  }

  /** As {@link #strings}, but empty when the field is absent (an extension older servers lack). */
  List<String> optionalStrings(String name) {
    return node.has(name) ? strings(name) : List.of();
  }

  <T> List<T> objects(String name, Function<ServerFields, T> element) {
    List<T> values = new ArrayList<>();
    for (JsonNode v : array(name)) {
      if (!v.isObject()) {
        throw new Missing(name + " must hold objects");
      }
      values.add(element.apply(new ServerFields((ObjectNode) v)));
    }
    return List.copyOf(values);
  }

  /** Like {@link #objects}, with an absent field read as an empty list. */
  <T> List<T> optionalObjects(String name, Function<ServerFields, T> element) {
    return node.has(name) ? objects(name, element) : List.of();
  }

  private JsonNode array(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isArray()) {
      throw new Missing("missing array " + name);
    }
    return v;
  }

  /** A required field is absent or mistyped; cheap, since it records no stack. */
  static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message, null, false, false);
    }
  }
}
