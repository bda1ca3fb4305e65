package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * The server's frame decoder on arbitrary bytes. Without {@code JAZZER_FUZZ} it runs the inputs
 * in {@code FrameCodecFuzzTestInputs/} as a regression test; docs/reliability.md says how to fuzz.
 * A decoded frame must survive a trip through the client's encoder unchanged, and a rejection
 * must become a well-formed {@code error} line carrying the frame's ref.
 */
class FrameCodecFuzzTest {
  /** The codes the decoder alone may answer with; the others need a session or a store. */
  private static final Set<ErrorCode> DECODER_CODES =
      Set.of(ErrorCode.BAD_REQUEST, ErrorCode.UNKNOWN_TYPE, ErrorCode.INVALID_NAME);

  private static final FrameCodec codec = new FrameCodec();
  private static final ClientFrameEncoder encoder = new ClientFrameEncoder();
  private static final ObjectMapper json = new ObjectMapper();

  @FuzzTest
  void anyBytesDecodeToAFrameThatRoundTripsOrToAnErrorLine(byte[] bytes) throws IOException {
    Decoded decoded = codec.decode(bytes);

    if (decoded instanceof Decoded.Frame frame) {
      assertThat(codec.decode(encoder.json(frame.frame())))
          .as("re-encoded by the client's encoder")
          .isEqualTo(decoded);
    } else {
      Decoded.Rejected rejected = (Decoded.Rejected) decoded;
      assertThat(rejected.code()).isIn(DECODER_CODES);
      assertThat(rejected.message()).isNotBlank();
      byte[] line = codec.encode(rejected.toError()).line();
      JsonNode error = WellFormed.jsonLine(line, json);
      assertThat(error.path("type").textValue()).isEqualTo("error");
      assertThat(error.path("code").textValue()).isEqualTo(rejected.code().wireName());
      assertThat(error.path("ref").textValue()).isEqualTo(rejected.ref());
      assertThat(error.path("message").textValue()).isEqualTo(rejected.message());
    }
  }
}
