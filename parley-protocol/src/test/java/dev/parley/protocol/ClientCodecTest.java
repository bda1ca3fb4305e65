package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's half of the codec agrees with the server's: every client frame the encoder
 * writes, the server's codec reads back as the same record, and every server frame the server
 * writes, the decoder reads back as the same record.
 */
class ClientCodecTest {
  private final ClientFrameEncoder encoder = new ClientFrameEncoder();
  private final ServerFrameDecoder decoder = new ServerFrameDecoder();
  private final FrameCodec serverCodec = new FrameCodec();

  static Stream<ClientFrame> clientFrames() {
    return Stream.of(
        new ClientFrame.Hello("alice", "correct horse", null, "c1"),
        new ClientFrame.Hello(null, null, "t0k3n", null),
        new ClientFrame.Hello("guest7", null, null, null),
        new ClientFrame.Register("alice", "correct horse", "c2"),
        new ClientFrame.Register("echo", "correct horse", true, "c2b"),
        new ClientFrame.Join("lobby", 41L, "c3"),
        new ClientFrame.Join("1001", null, null),
        new ClientFrame.Leave("lobby", "c4"),
        new ClientFrame.ListRooms("c5"),
        new ClientFrame.Who("lobby", "c6"),
        new ClientFrame.Send("lobby", "hi \"all\" \uD83D\uDE00\nsecond line", "c7"),
        new ClientFrame.Dm("bob", "psst", "c8"),
        new ClientFrame.History("lobby", 42L, 50, "h1"),
        new ClientFrame.History("lobby", null, 200, null),
        new ClientFrame.Ping(null),
        new ClientFrame.Pong("p1"),
        new ClientFrame.Bye(null),
        new ClientFrame.Logout("l1"),
        new ClientFrame.Moderate(Moderation.KICK, "lobby", "bob", "k1"),
        new ClientFrame.Moderate(Moderation.BAN, "lobby", "bob", null),
        new ClientFrame.Moderate(Moderation.UNBAN, "lobby", "bob", null),
        new ClientFrame.Moderate(Moderation.OP, "lobby", "bob", null),
        new ClientFrame.Typing("lobby", null),
        new ClientFrame.Read("lobby", 57, "rd1"),
        new ClientFrame.Edit("lobby", 58, "hi all!", "c-19"),
        new ClientFrame.Delete("lobby", 58, "c-20"),
        new ClientFrame.Topic("lobby", "Release day", "t1"),
        new ClientFrame.Topic("lobby", "", null),
        new ClientFrame.Search("lobby", "deploy Friday!", List.of("deploy", "friday"), 20, "s1"));
  }

  @ParameterizedTest
  @MethodSource("clientFrames")
  void everyClientFrameIsReadBackByTheServerCodecAsTheSameRecord(ClientFrame frame) {
    Decoded decoded = serverCodec.decode(encoder.json(frame));

    assertThat(decoded).isEqualTo(new Decoded.Frame(frame));
  }

  @Test
  void aLineEndsWithOneNewlineAndHasNoOtherLineBreak() {
    byte[] line = encoder.line(new ClientFrame.Send("a", "one\ntwo", "r"));
    String text = new String(line, StandardCharsets.UTF_8);

    assertThat(text).endsWith("}\n").doesNotContain("\r");
    assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
  }

  @Test
  void absentFieldsAreLeftOutRatherThanWrittenAsNull() {
    assertThat(encoder.text(new ClientFrame.Join("lobby", null, null)))
        .isEqualTo("{\"type\":\"join\",\"room\":\"lobby\"}");
  }

  static Stream<ServerFrame> serverFrames() {
    ServerFrame.Msg msg = new ServerFrame.Msg("lobby", 42, "alice", "hi \uD83D\uDE00", 1732345678901L);
    return Stream.of(
        new ServerFrame.Welcome("alice", 1, "parley/0.1.0", 30, "tok",
            List.of(new ServerFrame.RoomLast("dm:alice:bob", 12)), "c1"),
        new ServerFrame.Welcome("guest7", 1, "parley/0.1.0", 30, null, List.of(), null),
        new ServerFrame.Joined("lobby", List.of("alice", "bob"), 57, false, List.of("alice"), "c3"),
        new ServerFrame.Joined("lobby", List.of(), 5000, true, List.of(), null),
        new ServerFrame.Moderated("m1", "lobby", "bob", Moderation.BAN),
        new ServerFrame.Kicked("lobby", "alice", Moderation.KICK),
        new ServerFrame.Left("lobby", "c4"),
        new ServerFrame.Ack("c7", "lobby", 58, 1732345678901L),
        msg,
        new ServerFrame.Msg("lobby", 43, "echo", "beep", 1732345678902L, true),
        new ServerFrame.Presence("lobby", "alice", "join"),
        new ServerFrame.RoomList(List.of(new ServerFrame.RoomSummary("lobby", 2, 57)), "c5"),
        new ServerFrame.Members("lobby", List.of("alice"), "c6"),
        new ServerFrame.HistoryPage("h1", "lobby", List.of(msg), true),
        new ServerFrame.Ping(),
        new ServerFrame.Pong(null),
        new ServerFrame.Bye(ByeReason.IDLE),
        new ServerFrame.Error(ErrorCode.RATE_LIMITED, "too many frames", "c9"),
        new ServerFrame.Welcome("alice", 1, "parley/0.1.0", 30, "tok",
            List.of(new ServerFrame.RoomLast("dm:alice:bob", 12, 9)), null),
        new ServerFrame.Joined("lobby", List.of("alice"), 57, false, List.of("alice"), 51, "Release day", "c3"),
        new ServerFrame.Msg("lobby", 61, "alice", "hi all!", 1732345678903L, false, 58, 0, false),
        new ServerFrame.Msg("lobby", 62, "alice", "", 1732345678904L, false, 0, 58, false),
        new ServerFrame.Msg("lobby", 58, "alice", "", 1732345678900L, false, 0, 0, true),
        new ServerFrame.Typing("lobby", "alice"),
        new ServerFrame.Read("lobby", 57),
        new ServerFrame.Topic("lobby", "Release day", "alice", "t1"),
        new ServerFrame.Topic("lobby", "", "alice", null),
        new ServerFrame.SearchResults("s1", "lobby", List.of(msg)));
  }

  @ParameterizedTest
  @MethodSource("serverFrames")
  void everyServerFrameIsReadBackAsTheSameRecord(ServerFrame frame) {
    byte[] line = serverCodec.encode(frame).line();

    assertThat(decoder.decode(line, 0, line.length - 1)).isEqualTo(new ServerDecoded.Frame(frame));
  }

  @Test
  void unknownFieldsAreIgnoredAndUnknownTypesReportedNotFailed() {
    assertThat(decoder.decode("{\"type\":\"pong\",\"colour\":\"blue\"}"))
        .isEqualTo(new ServerDecoded.Frame(new ServerFrame.Pong(null)));
    assertThat(decoder.decode("{\"type\":\"reaction\",\"room\":\"lobby\"}"))
        .isEqualTo(new ServerDecoded.Unknown("reaction"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1]",
        "{}",
        "{\"type\":1}",
        "{\"type\":\"msg\",\"room\":\"a\",\"id\":\"1\",\"from\":\"b\",\"text\":\"c\",\"ts\":1}",
        "{\"type\":\"ack\",\"ref\":\"r\",\"room\":\"a\",\"id\":1}",
        "{\"type\":\"error\",\"code\":\"made_up\",\"message\":\"m\"}",
        "{\"type\":\"joined\",\"room\":\"a\",\"members\":[1],\"last\":0}"
      })
  void aMissingOrMistypedFieldIsMalformedNeverAnException(String json) {
    assertThat(decoder.decode(json)).isInstanceOf(ServerDecoded.Malformed.class);
  }

  /**
   * Found by ServerFrameDecoderFuzzTest: once Jackson had read a field named "rom", it read
   * the ill-formed name FF 72 6F 6D as "rom" too, so whether bad bytes were refused depended
   * on the frames read before.
   */
  @Test
  void illFormedUtf8IsMalformedWhateverWasReadBefore() {
    assertThat(decoder.decode("{\"type\":\"pong\",\"rom\":1}")).isInstanceOf(ServerDecoded.Frame.class);
    byte[] bytes = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', 'p', 'o', 'n', 'g', '"', ',',
        '"', (byte) 0xFF, 'r', 'o', 'm', '"', ':', '1', '}'};

    assertThat(decoder.decode(bytes, 0, bytes.length)).isInstanceOf(ServerDecoded.Malformed.class);
  }
}
