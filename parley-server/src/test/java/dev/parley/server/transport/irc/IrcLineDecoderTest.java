package dev.parley.server.transport.irc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Decoded;
import dev.parley.protocol.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IRC lines to messages, without sockets: splits, CR LF, tags, limits and bad bytes. */
class IrcLineDecoderTest {
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new LineBasedFrameDecoder(IrcLineDecoder.MAX_LINE_BYTES, true, true), new IrcLineDecoder());

  private void write(byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  private void write(String s) {
    write(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aLineSplitAcrossReadsIsOneMessageWithItsTrailingParameter() {
    write("PRIVMSG #1001 :hel");
    assertThat((Object) channel.readInbound()).isNull();
    write("lo there\r\n");
    IrcMessage m = channel.readInbound();
    assertThat(m.command()).isEqualTo("PRIVMSG");
    assertThat(m.params()).containsExactly("#1001", "hello there");
  }

  @Test
  void tagsAndASourceAreReadAndTheCommandIsUpperCased() {
    write("@label=a1;+typing=active :alice!a@h privmsg bob :hi\n");
    IrcMessage m = channel.readInbound();
    assertThat(m.tags()).isEqualTo(Map.of("label", "a1", "+typing", "active"));
    assertThat(m.command()).isEqualTo("PRIVMSG");
    assertThat(m.params()).containsExactly("bob", "hi");
  }

  @Test
  void blankLinesAreSkipped() {
    write("\r\n  \r\nPING x\r\n");
    IrcMessage m = channel.readInbound();
    assertThat(m.command()).isEqualTo("PING");
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void aMessagePartOver510BytesIsTooLargeButLongTagsAreNot() {
    write("PRIVMSG #1 :" + "x".repeat(500) + "\r\n");
    Decoded.Rejected r = channel.readInbound();
    assertThat(r.code()).isEqualTo(ErrorCode.TOO_LARGE);
    write("@t=" + "y".repeat(4000) + " PRIVMSG #1 :" + "x".repeat(400) + "\r\n");
    IrcMessage m = channel.readInbound();
    assertThat(m.param(1)).hasSize(400);
  }

  @Test
  void bytesThatAreNotUtf8AreABadRequest() {
    write(new byte[] {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', '#', '1', ' ', ':', (byte) 0xc3, '(', '\n'});
    Decoded.Rejected r = channel.readInbound();
    assertThat(r.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(r.message()).contains("UTF-8");
  }

  @Test
  void atMostFifteenParametersTheLastTakingTheRest() {
    IrcMessage m = IrcMessage.parse("CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17");
    assertThat(m.params()).hasSize(15);
    assertThat(m.param(14)).isEqualTo("15 16 17");
    assertThat(IrcMessage.parse(":only-a-source")).isNull();
    assertThat(IrcMessage.parse("JOIN").params()).isEqualTo(List.of());
  }
}
