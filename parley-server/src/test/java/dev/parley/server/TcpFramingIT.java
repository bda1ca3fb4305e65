package dev.parley.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input below the JSON level, which only the line transport lets a client send: bytes
 * that are not UTF-8, blank lines and CRLF, a line that never ends. (On WebSocket the browser's
 * own framing and UTF-8 checks stand in front of these.)
 */
class TcpFramingIT extends ServerFixture {
  private static final String SEND = "{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"";
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
  private WireClient ann;

  private void annInTheLobby() {
    ann = guest("ann");
    join(ann, "lobby");
  }

  static Stream<Arguments> invalidUtf8() {
    return Stream.of(
        Arguments.of("C3 28 in a text", bytes(SEND + "a", 0xC3, 0x28, "b\"}")),
        Arguments.of("lone 80 in a ref", bytes("{\"type\":\"ping\",\"ref\":\"", 0x80, "\"}")),
        Arguments.of("FF in a text", bytes(SEND, 0xFF, "\"}")),
        Arguments.of("FE in a room", bytes("{\"type\":\"join\",\"room\":\"lob", 0xFE, "by\"}")),
        Arguments.of("overlong C0 AF", bytes(SEND, 0xC0, 0xAF, "\"}")),
        Arguments.of("surrogate ED A0 80", bytes(SEND, 0xED, 0xA0, 0x80, "\"}")),
        Arguments.of("truncated E2 82", bytes(SEND, 0xE2, 0x82, "\"}")),
        Arguments.of("F5 beyond U+10FFFF", bytes(SEND, 0xF5, 0x80, 0x80, 0x80, "\"}")),
        Arguments.of("FF outside a string", bytes("{\"type\":\"ping\"}", 0xFF)),
        Arguments.of("lone 80 as a whole line", bytes(0x80)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidUtf8")
  void invalidUtf8IsRefusedWithBadRequest(String what, byte[] line) {
    annInTheLobby();
    ann.sendRaw(line);
    ann.expectError("bad_request");
    assertTheConnectionStillWorks();
  }

  @Test
  void blankLinesAreIgnoredAndCrLfEndsAFrame() {
    annInTheLobby();
    ann.sendRaw("\n\r\n\n".getBytes(UTF_8));
    ann.sendRaw("{\"type\":\"ping\",\"ref\":\"crlf\"}\r\n".getBytes(UTF_8));
    assertThat(refOf(ann.expect("pong"))).isEqualTo("crlf");
    ann.assertNoMoreFrames();
  }

  @Test
  void aLineThatNeverEndsIsTooLargeOnceItPassesTheLimit() {
    configure(c -> c.withMaxFrameBytes(1024));
    WireClient ann = guest("ann");

    ann.sendRaw(("{\"type\":\"send\",\"text\":\"" + "x".repeat(4096)).getBytes(UTF_8));

    List<JsonNode> frames = ann.awaitClosed(CLOSE_WAIT);
    assertThat(frames).extracting(f -> f.path("code").asText()).containsExactly("too_large");
  }

  /**
   * Found by SessionFuzzIT: a hello waits for the auth pool and the frames behind it wait in the
   * session's backlog; a line over the limit behind them used to be answered at once and close
   * the connection, so the frames before it were never answered.
   */
  @Test
  void aLineOverTheLimitIsAnsweredAfterEveryFrameBeforeIt() {
    configure(c -> c.withMaxFrameBytes(1024));
    WireClient ann = connect();

    ann.sendRaw(("{\"type\":\"hello\",\"user\":\"ann\"}\nnot json\n" + "x".repeat(2048) + "\n")
        .getBytes(UTF_8));

    List<JsonNode> frames = ann.awaitClosed(CLOSE_WAIT);
    assertThat(frames)
        .extracting(f -> f.path("type").asText() + " " + f.path("code").asText())
        .containsExactly("welcome ", "error bad_request", "error too_large");
  }

  private void assertTheConnectionStillWorks() {
    ann.sendFrame("type", "ping", "ref", "still");
    assertThat(refOf(ann.expect("pong"))).isEqualTo("still");
    assertThat(say(ann, "lobby", "after").path("id").asLong()).isEqualTo(1);
  }

  /** A line of these parts (strings as UTF-8, integers as raw bytes) and a newline. */
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(UTF_8));
      } else {
        out.write((Integer) part);
      }
    }
    out.write('\n');
    return out.toByteArray();
  }
}
