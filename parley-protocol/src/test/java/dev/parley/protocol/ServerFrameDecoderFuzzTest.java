package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * The client's frame decoder on arbitrary bytes (whatever a server, or something pretending to
 * be one, sends). A decoded frame, written again by the server's encoder, must be read back as
 * the same frame. That is defined only for frames a server can write: not for a {@code bye}
 * whose reason this client does not know, nor for strings with unpaired surrogates, which no
 * encoder can put into UTF-8.
 */
class ServerFrameDecoderFuzzTest {
  private static final Set<String> KNOWN_TYPES =
      Set.of("welcome", "joined", "moderated", "kicked", "left", "ack", "msg", "presence",
          "rooms", "who", "history", "ping", "pong", "bye", "error");

  private static final ServerFrameDecoder decoder = new ServerFrameDecoder();
  private static final FrameCodec codec = new FrameCodec();
  private static final ObjectMapper json = new ObjectMapper();

  @FuzzTest
  void anyBytesDecodeToAFrameThatRoundTripsOrAreNamedUnknownOrMalformed(byte[] bytes)
      throws IOException {
    ServerDecoded decoded = decoder.decode(bytes, 0, bytes.length);

    if (decoded instanceof ServerDecoded.Frame frame) {
      if (frame.frame() instanceof ServerFrame.Bye bye && bye.reason() == null) {
        return;
      }
      byte[] line = codec.encode(frame.frame()).line();
      WellFormed.jsonLine(line, json);
      if (!WellFormed.hasIllFormedString(json.readTree(bytes))) {
        assertThat(decoder.decode(line, 0, line.length)).as("re-encoded").isEqualTo(decoded);
      }
    } else if (decoded instanceof ServerDecoded.Unknown unknown) {
      assertThat(unknown.type()).isNotIn(KNOWN_TYPES);
    } else {
      assertThat(((ServerDecoded.Malformed) decoded).problem()).isNotBlank();
    }
  }
}
