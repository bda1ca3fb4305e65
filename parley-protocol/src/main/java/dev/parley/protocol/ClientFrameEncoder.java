package dev.parley.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The client's half of the codec: turns a {@link ClientFrame} into the JSON object the server
 * reads, fields in the order the contract shows them, absent ({@code null}) fields left out. It
 * checks nothing: a frame with a bad name or text goes out as it is and the server answers it.
 * Thread-safe.
 */
public final class ClientFrameEncoder {
  private static final Map<Class<? extends ClientFrame>, Writer> WRITERS =
      Map.ofEntries(
          writer(ClientFrame.Hello.class, "hello", (f, out) ->
              out.string("user", f.user()).string("password", f.password()).string("token", f.token())),
          writer(ClientFrame.Register.class, "register", (f, out) -> {
            out.string("user", f.user()).string("password", f.password());
            if (f.bot()) {
              out.bool("bot", true);
            }
          }),
          writer(ClientFrame.Join.class, "join", (f, out) -> {
            out.string("room", f.room());
            if (f.since() != null) {
              out.number("since", f.since());
            }
          }),
          writer(ClientFrame.Leave.class, "leave", (f, out) -> out.string("room", f.room())),
          writer(ClientFrame.ListRooms.class, "rooms", (f, out) -> {}),
          writer(ClientFrame.Who.class, "who", (f, out) -> out.string("room", f.room())),
          writer(ClientFrame.Send.class, "send", (f, out) ->
              out.string("room", f.room()).string("text", f.text())),
          writer(ClientFrame.Dm.class, "dm", (f, out) -> out.string("to", f.to()).string("text", f.text())),
          writer(ClientFrame.History.class, "history", (f, out) -> {
            out.string("room", f.room());
            if (f.before() != null) {
              out.number("before", f.before());
            }
            out.number("limit", f.limit());
          }),
          writer(ClientFrame.Ping.class, "ping", (f, out) -> {}),
          writer(ClientFrame.Pong.class, "pong", (f, out) -> {}),
          writer(ClientFrame.Bye.class, "bye", (f, out) -> {}),
          writer(ClientFrame.Logout.class, "logout", (f, out) -> {}),
          writer(ClientFrame.Typing.class, "typing", (f, out) -> out.string("room", f.room())),
          writer(ClientFrame.Read.class, "read", (f, out) -> out.string("room", f.room()).number("id", f.id())),
          writer(ClientFrame.Edit.class, "edit", (f, out) ->
              out.string("room", f.room()).number("id", f.id()).string("text", f.text())),
          writer(ClientFrame.Delete.class, "delete", (f, out) -> out.string("room", f.room()).number("id", f.id())),
          writer(ClientFrame.Topic.class, "topic", (f, out) -> out.string("room", f.room()).string("text", f.text())),
          writer(ClientFrame.Search.class, "search", (f, out) ->
              out.string("room", f.room()).string("query", f.query()).number("limit", f.limit())),
          Map.entry(ClientFrame.Moderate.class, new Writer(
              f -> ((ClientFrame.Moderate) f).action().wireName(),
              (f, out) -> {
                var m = (ClientFrame.Moderate) f;
                out.string("room", m.room()).string("user", m.user());
              })));

  private final JsonFactory factory =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  /** The frame as one JSON object in UTF-8, without a line ending (a WebSocket text frame). */
  public byte[] json(ClientFrame frame) {
    return write(frame, false);
  }

  /** The frame as one JSON object followed by {@code '\n'} (a line for the TCP transport). */
  public byte[] line(ClientFrame frame) {
    return write(frame, true);
  }

  /** The frame as a JSON string. */
  public String text(ClientFrame frame) {
    return new String(json(frame), StandardCharsets.UTF_8);
  }

  private byte[] write(ClientFrame frame, boolean newline) {
    Writer writer = WRITERS.get(frame.getClass());
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(128);
        JsonGenerator json = factory.createGenerator(buffer)) {
      json.writeStartObject();
      json.writeStringField("type", writer.type.apply(frame));
      FrameWriter out = new FrameWriter(json);
      writer.fields.accept(frame, out);
      out.string("ref", frame.ref());
      json.writeEndObject();
      json.flush();
      if (newline) {
        buffer.append('\n');
      }
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
  }

  /**
   * A frame type's wire name (a moderation frame's depends on its action) and how to write its
   * fields (all but {@code type} and {@code ref}).
   */
  private record Writer(Function<ClientFrame, String> type, BiConsumer<ClientFrame, FrameWriter> fields) {}

  private static <F extends ClientFrame> Map.Entry<Class<? extends ClientFrame>, Writer> writer(
      Class<F> frameClass, String type, BiConsumer<F, FrameWriter> fields) {
    return Map.entry(
        frameClass, new Writer(frame -> type, (frame, out) -> fields.accept(frameClass.cast(frame), out)));
  }
}
