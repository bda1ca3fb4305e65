package dev.parley.server;

import static dev.parley.server.RawWebSocket.CLOSE;
import static dev.parley.server.RawWebSocket.CONTINUATION;
import static dev.parley.server.RawWebSocket.PONG;
import static dev.parley.server.RawWebSocket.TEXT;
import static dev.parley.server.RawWebSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A WebSocket client that breaks RFC 6455 is at fault, not the server: it gets a close frame
 * with the code that names its fault, the violation is counted, and the log gets a line at
 * most now and then, never a stack trace. Every frame counts against a per-connection budget,
 * control and continuation frames included.
 */
class WebSocketViolationsIT extends ServerFixture {
  private static final int CONNECTIONS = 20;
  private final ServerLog log = ServerLog.capture();

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  private InetSocketAddress http() {
    return server().httpAddress().orElseThrow();
  }

  static Stream<Arguments> violations() {
    byte[] json = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    return Stream.of(
        Arguments.of("an unmasked frame", frame(true, 0, TEXT, false, json), 1002, "protocol_error"),
        Arguments.of("RSV bits without an extension", frame(true, 4, TEXT, true, json), 1002, "protocol_error"),
        Arguments.of("an unknown opcode", frame(true, 0, 0x3, true, json), 1002, "protocol_error"),
        Arguments.of("a continuation outside a message", frame(true, 0, CONTINUATION, true, json), 1002, "protocol_error"),
        Arguments.of("a close code no one may send", frame(true, 0, CLOSE, true, new byte[] {0x03, (byte) 0xE7}), 1002, "protocol_error"),
        Arguments.of("text that is not UTF-8", frame(true, 0, TEXT, true, new byte[] {'"', (byte) 0xC3, 0x28, '"'}), 1007, "invalid_payload"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void aProtocolViolationGetsACloseFrameWithItsCodeIsCountedAndLogsNoStackTrace(
      String what, byte[] badFrame, int closeCode, String kind) {
    for (int i = 0; i < CONNECTIONS; i++) {
      try (RawWebSocket ws = RawWebSocket.open(http())) {
        ws.sendRaw(badFrame);
        assertThat(ws.expectClose().closeCode()).as(what).isEqualTo(closeCode);
      }
    }

    assertThat(MetricsPage.count(server(), violations(kind))).isEqualTo(CONNECTIONS);
    assertThat(MetricsPage.count(server(), "parley_errors_total{code=\"internal\"}")).isZero();
    assertThat(log.stackTraces()).isEmpty();
    assertThat(log.linesWith("protocol violation")).hasSizeBetween(1, 2);
  }

  @Test
  void aMessageInEndlessEmptyFragmentsIsClosedWithPolicyViolation() {
    try (RawWebSocket ws = RawWebSocket.open(http())) {
      ByteArrayOutputStream flood = new ByteArrayOutputStream();
      flood.writeBytes(frame(false, 0, TEXT, true, "{".getBytes(StandardCharsets.UTF_8)));
      for (int i = 0; i < 5000; i++) {
        flood.writeBytes(frame(false, 0, CONTINUATION, true, new byte[0]));
      }
      ws.trySendRaw(flood.toByteArray());

      assertThat(ws.expectClose().closeCode()).isEqualTo(1008);
    }
    assertThat(MetricsPage.count(server(), violations("fragments"))).isEqualTo(1);
    assertThat(log.stackTraces()).isEmpty();
  }

  @Test
  void aFloodOfControlFramesIsClosedWithPolicyViolation() {
    try (RawWebSocket ws = RawWebSocket.open(http())) {
      ByteArrayOutputStream flood = new ByteArrayOutputStream();
      for (int i = 0; i < 10_000; i++) {
        flood.writeBytes(frame(true, 0, PONG, true, new byte[0]));
      }
      ws.trySendRaw(flood.toByteArray());

      assertThat(ws.expectClose().closeCode()).isEqualTo(1008);
    }
    assertThat(MetricsPage.count(server(), violations("frame_rate"))).isEqualTo(1);
    assertThat(log.stackTraces()).isEmpty();
  }

  @Test
  void aClientThatFollowsTheRulesChatsAfterOthersWereClosed() {
    try (RawWebSocket bad = RawWebSocket.open(http())) {
      bad.sendRaw(frame(true, 0, TEXT, false, new byte[] {'{', '}'}));
      bad.expectClose();
    }
    try (RawWebSocket good = RawWebSocket.open(http())) {
      good.send(TEXT, "{\"type\":\"hello\",\"user\":\"ann\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(good.next().text()).contains("\"welcome\"");
    }
  }

  private static String violations(String kind) {
    return "parley_protocol_violations_total{kind=\"" + kind + "\",transport=\"websocket\"}";
  }
}
