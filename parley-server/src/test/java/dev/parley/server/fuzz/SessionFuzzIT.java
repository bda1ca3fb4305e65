package dev.parley.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.ByeReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's frame handlers, fuzzed through a real server on a loopback port with a real
 * SQLite store: one connection per input sends a sequence of mostly valid frames (see {@link
 * FuzzedFrames}), then a ping with a sentinel ref. Whatever was sent, every line the server
 * writes is one JSON object in strict UTF-8; every error has a contract code and none is
 * {@code internal}; every frame the codec refuses gets its error, in order; the server closes
 * only when the contract says so; nothing is logged at ERROR; and a well-behaved connection
 * right after is served. Without {@code JAZZER_FUZZ} this runs the saved inputs.
 */
class SessionFuzzIT {
  private static final int MAX_FRAME_BYTES = 4096;
  private static final String SENTINEL = "fuzz-sentinel";
  private static final byte[] SENTINEL_PING =
      ("{\"type\":\"ping\",\"ref\":\"" + SENTINEL + "\"}\n").getBytes(StandardCharsets.UTF_8);
  private static final Set<String> CONTRACT_CODES =
      Arrays.stream(ErrorCode.values())
          .filter(c -> c != ErrorCode.INTERNAL)
          .map(ErrorCode::wireName)
          .collect(Collectors.toSet());
  private static final Set<String> BYE_REASONS =
      Arrays.stream(ByeReason.values()).map(ByeReason::wireName).collect(Collectors.toSet());

  @TempDir static Path dataDir;
  private static ParleyServer server;
  private static ErrorLog errorLog;
  private static int probes;

  private final FrameCodec codec = new FrameCodec();
  private final FuzzedFrames frames = new FuzzedFrames(MAX_FRAME_BYTES);
  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @BeforeAll
  static void startServer() {
    errorLog = ErrorLog.attach();
    server =
        ParleyServer.start(
            ServerConfig.forTests(dataDir)
                .withMaxFrameBytes(MAX_FRAME_BYTES)
                // Connections come one after another, each closed before the next; a run
                // must not trip the per-address or rate limits meant for real clients.
                .withRatePerSecond(1_000_000)
                .withMaxConnectionsPerAddress(100_000));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
    errorLog.detach();
  }

  @FuzzTest
  void anyFramesGetWellFormedContractAnswersAndTheServerStaysUsable(FuzzedDataProvider data)
      throws IOException {
    // Jazzer's request-forgery detector would flag the test's own connections otherwise.
    try (var allowed = BugDetectors.allowNetworkConnections(SessionFuzzIT::isTheServer)) {
      converseAndCheck(data);
    }
  }

  private static boolean isTheServer(String host, int port) {
    return port == server.tcpAddress().getPort()
        && (host.equals("localhost") || host.equals("127.0.0.1"));
  }

  private void converseAndCheck(FuzzedDataProvider data) throws IOException {
    byte[] payload = frames.payload(data);
    ExpectedAnswers expected = ExpectedAnswers.of(payload, MAX_FRAME_BYTES, codec, SENTINEL);

    Conversation answers = converse(payload, expected.sentinelPings + 1);

    List<JsonNode> errors = answers.ofType("error");
    assertThat(errors)
        .as("error codes in %s", answers.frames)
        .allSatisfy(e -> assertThat(e.path("code").textValue()).isIn(CONTRACT_CODES));
    assertThat(answers.ofType("bye"))
        .allSatisfy(b -> assertThat(b.path("reason").textValue()).isIn(BYE_REASONS));
    // Every frame before a close is handled, so every refusal before it is owed, unless the
    // close was for too many errors, which counts errors the codec alone cannot foresee.
    if (!answers.hasBye("too_many_errors")) {
      assertThat(owedRejectionsAnswered(expected, errors))
          .as("refused frames answered, of %s, in %s", expected.rejections, answers.frames)
          .isEqualTo(expected.rejections.size());
    }
    if (answers.closed) {
      boolean explained =
          !answers.ofType("bye").isEmpty() || expected.closeAsked || hasCode(errors, "too_large");
      assertThat(explained).as("closed without a reason: %s", answers.frames).isTrue();
    } else {
      assertThat(expected.overLimit).as("still open after a line over the limit").isFalse();
    }
    if (expected.overLimit && !expected.closeAsked && answers.ofType("bye").isEmpty()) {
      assertThat(hasCode(errors, "too_large")).as("too_large in %s", answers.frames).isTrue();
    }
    assertThat(errorLog.drain()).as("logged at ERROR").isEmpty();
    assertAWellBehavedClientIsServed();
  }

  /** How many of the owed rejections arrived, matched in order among all errors. */
  private static int owedRejectionsAnswered(ExpectedAnswers expected, List<JsonNode> errors) {
    int matched = 0;
    for (JsonNode error : errors) {
      if (matched < expected.rejections.size()) {
        ExpectedAnswers.Rejection owed = expected.rejections.get(matched);
        if (owed.code().equals(error.path("code").textValue())
            && Objects.equals(owed.ref(), error.path("ref").textValue())) {
          matched++;
        }
      }
    }
    return matched;
  }

  private static boolean hasCode(List<JsonNode> errors, String code) {
    return errors.stream().anyMatch(e -> code.equals(e.path("code").textValue()));
  }

  /** What the server wrote back to one connection, up to the last sentinel pong or the close. */
  private record Conversation(List<JsonNode> frames, boolean closed) {
    List<JsonNode> ofType(String type) {
      return frames.stream().filter(f -> type.equals(f.path("type").textValue())).toList();
    }

    boolean hasBye(String reason) {
      return ofType("bye").stream().anyMatch(b -> reason.equals(b.path("reason").textValue()));
    }
  }

  private Conversation converse(byte[] payload, int sentinelPongs) throws IOException {
    List<JsonNode> received = new ArrayList<>();
    try (RawConnection connection = new RawConnection(server.tcpAddress())) {
      try {
        connection.send(payload);
        connection.send(SENTINEL_PING);
      } catch (IOException closedMeanwhile) {
        // The server may close first (too_large, bye): what it wrote is still to be read.
      }
      int pongs = 0;
      for (byte[] line; (line = connection.readLine()) != null; ) {
        JsonNode frame = wellFormed(line);
        received.add(frame);
        boolean sentinelPong =
            "pong".equals(frame.path("type").textValue())
                && SENTINEL.equals(frame.path("ref").textValue());
        if (sentinelPong && ++pongs == sentinelPongs) {
          return new Conversation(received, false);
        }
      }
    }
    return new Conversation(received, true);
  }

  /** One line the server wrote: strict UTF-8, one JSON object, a string type. */
  private JsonNode wellFormed(byte[] line) throws IOException {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line));
    } catch (CharacterCodingException e) {
      throw new AssertionError("not UTF-8: " + RawConnection.show(line), e);
    }
    JsonNode frame = json.readTree(line);
    assertThat(frame.isObject() && frame.path("type").isTextual())
        .as("a JSON object with a string type: %s", RawConnection.show(line))
        .isTrue();
    return frame;
  }

  private void assertAWellBehavedClientIsServed() throws IOException {
    String user = "probe_" + ++probes;
    try (RawConnection probe = new RawConnection(server.tcpAddress())) {
      probe.send(("{\"type\":\"hello\",\"user\":\"" + user + "\"}\n{\"type\":\"ping\",\"ref\":\"p\"}\n")
          .getBytes(StandardCharsets.UTF_8));
      JsonNode welcome = wellFormed(probe.readLine());
      assertThat(welcome.path("type").asText()).as("%s", welcome).isEqualTo("welcome");
      JsonNode pong = wellFormed(probe.readLine());
      assertThat(pong.path("type").asText()).as("%s", pong).isEqualTo("pong");
    }
  }
}
