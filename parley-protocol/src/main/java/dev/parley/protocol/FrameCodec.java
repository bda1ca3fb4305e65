package dev.parley.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns bytes into client frames and server frames into bytes. Decoding never throws: every
 * kind of bad input comes back as a {@link Decoded.Rejected} with the contract's error code.
 * Encoded frames end with {@code '\n'}, ready for the line transport; other transports take the
 * bytes before it (see {@link EncodedFrame}). Thread-safe.
 */
public final class FrameCodec {
  public static final int MAX_REF = 64;
  public static final int MAX_SECRET = 1024;
  public static final int DEFAULT_HISTORY_LIMIT = 50;
  public static final int MAX_HISTORY_LIMIT = 200;
  public static final int DEFAULT_SEARCH_LIMIT = 20;
  public static final int MAX_SEARCH_LIMIT = 100;

  private static final Map<String, Function<Fields, ClientFrame>> PARSERS =
      Map.ofEntries(
          Map.entry("hello", FrameCodec::hello),
          Map.entry(
              "register",
              f -> new ClientFrame.Register(
                  f.userName("user"), secret(f, "password"), f.optionalBoolean("bot"), f.ref())),
          Map.entry(
              "join",
              f -> new ClientFrame.Join(f.roomName("room"), f.optionalInteger("since", 0), f.ref())),
          Map.entry("leave", f -> new ClientFrame.Leave(f.roomName("room"), f.ref())),
          Map.entry("rooms", f -> new ClientFrame.ListRooms(f.ref())),
          Map.entry("who", f -> new ClientFrame.Who(f.roomName("room"), f.ref())),
          Map.entry(
              "send", f -> new ClientFrame.Send(f.roomName("room"), f.text("text"), f.ref())),
          Map.entry("dm", f -> new ClientFrame.Dm(f.userName("to"), f.text("text"), f.ref())),
          Map.entry("history", FrameCodec::history),
          Map.entry("ping", f -> new ClientFrame.Ping(f.ref())),
          Map.entry("pong", f -> new ClientFrame.Pong(f.ref())),
          Map.entry("bye", f -> new ClientFrame.Bye(f.ref())),
          Map.entry("logout", f -> new ClientFrame.Logout(f.ref())),
          Map.entry("kick", f -> moderate(Moderation.KICK, f)),
          Map.entry("ban", f -> moderate(Moderation.BAN, f)),
          Map.entry("unban", f -> moderate(Moderation.UNBAN, f)),
          Map.entry("op", f -> moderate(Moderation.OP, f)),
          Map.entry("typing", f -> new ClientFrame.Typing(f.roomName("room"), f.ref())),
          Map.entry("read", f -> new ClientFrame.Read(f.roomName("room"), messageId(f), f.ref())),
          Map.entry("edit", f -> new ClientFrame.Edit(f.roomName("room"), messageId(f), f.text("text"), f.ref())),
          Map.entry("delete", f -> new ClientFrame.Delete(f.roomName("room"), messageId(f), f.ref())),
          Map.entry("topic", f -> new ClientFrame.Topic(f.roomName("room"), topic(f), f.ref())),
          Map.entry("search", FrameCodec::search));

  private final ObjectMapper mapper;
  private final JsonFactory factory;

  public FrameCodec() {
    JsonFactory json =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Characters outside the BMP go out as 4 UTF-8 bytes, not as escaped surrogates.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    this.mapper = new ObjectMapper(json).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.factory = mapper.getFactory();
  }

  /** Decodes one frame from {@code length} bytes of {@code bytes} at {@code offset}. */
  public Decoded decode(byte[] bytes, int offset, int length) {
    if (!Utf8.isValid(bytes, offset, length)) {
      return rejected(ErrorCode.BAD_REQUEST, "frame is not valid UTF-8", null);
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(bytes, offset, length);
    } catch (IOException e) {
      return rejected(ErrorCode.BAD_REQUEST, describe(e), null);
    }
    return decode(tree);
  }

  /**
   * Decodes one frame that is already parsed, such as an element of a long-polling array.
   * Strict UTF-8 and "nothing after the object" are the byte decoder's checks; the rest apply.
   */
  public Decoded decode(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      return rejected(ErrorCode.BAD_REQUEST, "a frame must be a JSON object", null);
    }
    ObjectNode object = (ObjectNode) tree;
    JsonNode refNode = object.get("ref");
    String ref = null;
    if (refNode != null) {
      if (!refNode.isTextual() || !isValidRef(refNode.textValue())) {
        return rejected(
            ErrorCode.BAD_REQUEST, "ref must be a string of 1 to " + MAX_REF + " characters", null);
      }
      ref = refNode.textValue();
    }
    JsonNode type = object.get("type");
    if (type == null || !type.isTextual()) {
      return rejected(ErrorCode.BAD_REQUEST, "type must be a string", ref);
    }
    Function<Fields, ClientFrame> parser = PARSERS.get(type.textValue());
    if (parser == null) {
      return rejected(ErrorCode.UNKNOWN_TYPE, "unknown frame type", ref);
    }
    try {
      return new Decoded.Frame(parser.apply(new Fields(object, ref)));
    } catch (Fields.Refusal refusal) {
      return refusal.rejected;
    }
  }

  public Decoded decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Decodes a frame of {@code type} whose fields arrive apart, as in an HTTP API request: those
   * of {@code body} (one JSON object, or {@code null} for none) and {@code fields}, taken from
   * the URL, which are set over the body's. A field's value is a {@link String} or a {@link
   * Long}; a value that should have been a number but did not parse as one is passed as the
   * text it was, and refused by the frame's rules. Every rule of the frame applies, exactly as
   * for the frame on a connection, and bad input is a rejection, never an exception.
   */
  public Decoded decodeParts(String type, byte[] body, Map<String, ?> fields) {
    ObjectNode object;
    if (body == null) {
      object = mapper.createObjectNode();
    } else {
      if (!Utf8.isValid(body, 0, body.length)) {
        return rejected(ErrorCode.BAD_REQUEST, "the body is not valid UTF-8", null);
      }
      JsonNode tree;
      try {
        tree = mapper.readTree(body);
      } catch (IOException e) {
        return rejected(ErrorCode.BAD_REQUEST, describe(e).replace("frame", "the body"), null);
      }
      if (tree == null || !tree.isObject()) {
        return rejected(ErrorCode.BAD_REQUEST, "the body must be a JSON object", null);
      }
      object = (ObjectNode) tree;
    }
    object.put("type", type);
    fields.forEach((name, value) -> {
      if (value instanceof Long number) {
        object.put(name, number);
      } else {
        object.put(name, String.valueOf(value));
      }
    });
    return decode(object);
  }

  /**
   * Parses a JSON array of frames (the long-polling body), or returns {@code null} when the
   * bytes are not one well-formed JSON array.
   */
  public JsonNode parseArray(byte[] bytes, int offset, int length) {
    if (!Utf8.isValid(bytes, offset, length)) {
      return null;
    }
    try {
      JsonNode tree = mapper.readTree(bytes, offset, length);
      return tree != null && tree.isArray() ? tree : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Parses one JSON object (strict UTF-8, nothing after it) without decoding it as a frame, for
   * a transport that reads a field of its own beside the frame's (UDP's {@code token}); returns
   * {@code null} when the bytes are not one well-formed JSON object, which {@link #decode(byte[],
   * int, int)} of the same bytes then explains as a rejection.
   */
  public ObjectNode parseObject(byte[] bytes, int offset, int length) {
    if (!Utf8.isValid(bytes, offset, length)) {
      return null;
    }
    try {
      JsonNode tree = mapper.readTree(bytes, offset, length);
      return tree != null && tree.isObject() ? (ObjectNode) tree : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The compact JSON of a node, to measure a frame that arrived inside an array. */
  public int sizeOf(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node).length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Encodes a server frame as one JSON object followed by {@code '\n'}. */
  public EncodedFrame encode(ServerFrame frame) {
    return encode(frame, true);
  }

  /**
   * Encodes a frame's fields alone, without its {@code type}: an answer of the HTTP API, whose
   * kind the request says (the page of {@code GET …/messages} is a {@code history} frame's
   * fields).
   */
  public EncodedFrame encodeFields(ServerFrame frame) {
    return encode(frame, false);
  }

  private EncodedFrame encode(ServerFrame frame, boolean typed) {
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(256);
        JsonGenerator json = factory.createGenerator(buffer)) {
      json.writeStartObject();
      if (typed) {
        json.writeStringField("type", frame.type());
      }
      frame.writeFields(new FrameWriter(json));
      json.writeEndObject();
      json.flush();
      buffer.append('\n');
      return new EncodedFrame(buffer.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
  }

  private static boolean isValidRef(String ref) {
    int length = ref.codePointCount(0, ref.length());
    return length >= 1 && length <= MAX_REF && Utf8.isEncodable(ref);
  }

  private static ClientFrame hello(Fields f) {
    String token = f.optionalString("token");
    if (token != null) {
      if (token.isEmpty() || token.length() > MAX_SECRET) {
        throw f.refuse(ErrorCode.BAD_REQUEST, "token is malformed");
      }
      String user = f.optionalString("user") == null ? null : f.userName("user");
      return new ClientFrame.Hello(user, null, token, f.ref());
    }
    String user = f.userName("user");
    String password = f.optionalString("password") == null ? null : secret(f, "password");
    return new ClientFrame.Hello(user, password, null, f.ref());
  }

  private static String secret(Fields f, String name) {
    String value = f.string(name);
    if (value.length() > MAX_SECRET) {
      throw f.refuse(ErrorCode.BAD_REQUEST, name + " is longer than " + MAX_SECRET + " characters");
    }
    return value;
  }

  private static ClientFrame moderate(Moderation action, Fields f) {
    return new ClientFrame.Moderate(action, f.roomName("room"), f.userName("user"), f.ref());
  }

  private static ClientFrame history(Fields f) {
    Long limit = f.optionalInteger("limit", 1);
    int capped = limit == null ? DEFAULT_HISTORY_LIMIT : (int) Math.min(limit, MAX_HISTORY_LIMIT);
    return new ClientFrame.History(
        f.roomName("room"), f.optionalInteger("before", 0), capped, f.ref());
  }

  /** A message id: a whole number of at least 1. */
  private static long messageId(Fields f) {
    Long id = f.optionalInteger("id", 1);
    if (id == null) {
      throw f.refuse(ErrorCode.BAD_REQUEST, "missing id");
    }
    return id;
  }

  private static String topic(Fields f) {
    String text = f.string("text");
    String problem = MessageText.topicProblem(text);
    if (problem != null) {
      throw f.refuse(ErrorCode.BAD_REQUEST, problem);
    }
    return text;
  }

  private static ClientFrame search(Fields f) {
    String room = f.roomName("room");
    String query = f.text("query");
    List<String> words = SearchWords.of(query);
    if (!SearchWords.searchable(words)) {
      throw f.refuse(ErrorCode.BAD_REQUEST, "the query needs a word of at least " + SearchWords.MIN_WORD + " characters");
    }
    Long limit = f.optionalInteger("limit", 1);
    int capped = limit == null ? DEFAULT_SEARCH_LIMIT : (int) Math.min(limit, MAX_SEARCH_LIMIT);
    return new ClientFrame.Search(room, query, words, capped, f.ref());
  }

  private static String describe(IOException e) {
    if (e instanceof JsonProcessingException jpe && jpe.getOriginalMessage() != null) {
      String m = jpe.getOriginalMessage();
      if (m.contains("UTF-8") || m.contains("UTF8")) {
        return "frame is not valid UTF-8";
      }
      if (m.contains("trailing") || m.contains("Trailing")) {
        return "data after the JSON object";
      }
      if (m.contains("Duplicate field")) {
        return "duplicate field";
      }
    }
    return "frame is not valid JSON";
  }

  private static Decoded rejected(ErrorCode code, String message, String ref) {
    return new Decoded.Rejected(code, message, ref);
  }
}
