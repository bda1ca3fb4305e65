package dev.parley.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The client's half of the codec: reads the JSON a server sends into {@link ServerFrame}
 * records. It is lenient where the contract lets servers grow (unknown fields are ignored,
 * unknown frame types come back as {@link ServerDecoded.Unknown}) and strict where a client
 * would otherwise guess (a missing or mistyped field is {@link ServerDecoded.Malformed}). It
 * never throws on bad input. Thread-safe.
 */
public final class ServerFrameDecoder {
  private static final Map<String, Function<ServerFields, ServerFrame>> PARSERS =
      Map.ofEntries(
          Map.entry("welcome", ServerFrameDecoder::welcome),
          Map.entry("joined", f -> new ServerFrame.Joined(
              f.string("room"), f.strings("members"), f.number("last"),
              f.optionalBool("truncated"), f.optionalStrings("owners"), f.optionalNumber("read"),
              f.optionalString("topic"), f.ref())),
          Map.entry("moderated", f -> new ServerFrame.Moderated(
              f.ref(), f.string("room"), f.string("user"), moderation(f.string("action")))),
          Map.entry("kicked", f -> new ServerFrame.Kicked(
              f.string("room"), f.string("by"), moderation(f.string("action")))),
          Map.entry("left", f -> new ServerFrame.Left(f.string("room"), f.ref())),
          Map.entry("ack", f -> new ServerFrame.Ack(
              f.string("ref"), f.string("room"), f.number("id"), f.number("ts"))),
          Map.entry("msg", ServerFrameDecoder::msg),
          Map.entry("presence", f -> new ServerFrame.Presence(
              f.string("room"), f.string("user"), f.string("event"))),
          Map.entry("rooms", f -> new ServerFrame.RoomList(
              f.objects("rooms", r -> new ServerFrame.RoomSummary(
                  r.string("room"), (int) r.number("members"), r.number("last"))),
              f.ref())),
          Map.entry("who", f -> new ServerFrame.Members(f.string("room"), f.strings("members"), f.ref())),
          Map.entry("history", f -> new ServerFrame.HistoryPage(
              f.ref(), f.string("room"), f.objects("messages", ServerFrameDecoder::msg),
              f.optionalBool("more"))),
          Map.entry("ping", f -> new ServerFrame.Ping()),
          Map.entry("pong", f -> new ServerFrame.Pong(f.ref())),
          Map.entry("bye", f -> new ServerFrame.Bye(byeReason(f.optionalString("reason")))),
          Map.entry("typing", f -> new ServerFrame.Typing(f.string("room"), f.string("user"))),
          Map.entry("read", f -> new ServerFrame.Read(f.string("room"), f.number("id"))),
          Map.entry("topic", f -> new ServerFrame.Topic(
              f.string("room"), f.string("text"), f.optionalString("by"), f.ref())),
          Map.entry("search", f -> new ServerFrame.SearchResults(
              f.ref(), f.string("room"), f.objects("messages", ServerFrameDecoder::msg))),
          Map.entry("error", f -> new ServerFrame.Error(
              errorCode(f), f.optionalString("message"), f.ref())));

  private final ObjectMapper mapper = new ObjectMapper();

  /** Decodes one frame from {@code length} bytes of {@code bytes} at {@code offset}. */
  public ServerDecoded decode(byte[] bytes, int offset, int length) {
    // Jackson alone is not enough: its table of field names can match an ill-formed name
    // (bytes FF 72 6F 6D) to one it has seen before ("rom"), so what it reads would depend
    // on earlier frames.
    if (!Utf8.isValid(bytes, offset, length)) {
      return new ServerDecoded.Malformed("not valid UTF-8");
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(bytes, offset, length);
    } catch (IOException e) {
      return new ServerDecoded.Malformed("not a JSON object");
    }
    return decode(tree);
  }

  public ServerDecoded decode(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return decode(bytes, 0, bytes.length);
  }

  private static ServerDecoded decode(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      return new ServerDecoded.Malformed("a frame must be a JSON object");
    }
    JsonNode type = tree.get("type");
    if (type == null || !type.isTextual()) {
      return new ServerDecoded.Malformed("type must be a string");
    }
    Function<ServerFields, ServerFrame> parser = PARSERS.get(type.textValue());
    if (parser == null) {
      return new ServerDecoded.Unknown(type.textValue());
    }
    try {
      return new ServerDecoded.Frame(parser.apply(new ServerFields((ObjectNode) tree)));
    } catch (ServerFields.Missing missing) {
      return new ServerDecoded.Malformed(type.textValue() + ": " + missing.getMessage());
    }
  }

  private static ServerFrame.Welcome welcome(ServerFields f) {
    return new ServerFrame.Welcome(
        f.string("user"),
        (int) f.number("protocol"),
        f.optionalString("server"),
        (int) f.number("heartbeat"),
        f.optionalString("token"),
        f.optionalObjects("dms", d -> new ServerFrame.RoomLast(
            d.string("room"), d.number("last"), d.optionalNumber("read"))),
        f.ref());
  }

  private static ServerFrame.Msg msg(ServerFields f) {
    return new ServerFrame.Msg(
        f.string("room"), f.number("id"), f.string("from"), f.string("text"), f.number("ts"),
        f.optionalBool("bot"), f.optionalNumber("edit"), f.optionalNumber("delete"), f.optionalBool("deleted"));
  }

  private static ByeReason byeReason(String wireName) {
    for (ByeReason reason : ByeReason.values()) {
      if (reason.wireName().equals(wireName)) {
        return reason;
      }
    }
    return null;
  }

  private static ErrorCode errorCode(ServerFields f) {
    String wireName = f.string("code");
    for (ErrorCode code : ErrorCode.values()) {
      if (code.wireName().equals(wireName)) {
        return code;
      }
    }
    throw new ServerFields.Missing("unknown error code " + wireName);
  }

  /** The action named on the wire; an unknown one is read as a kick, the mildest removal. */
  private static Moderation moderation(String wireName) {
    for (Moderation m : Moderation.values()) {
      if (m.wireName().equals(wireName)) {
        return m;
      }
    }
    return Moderation.KICK;
  }
}
