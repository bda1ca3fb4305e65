package dev.parley.server.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The TCP framing and decoding pair, without sockets. */
class LineFramingTest {
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new LineBasedFrameDecoder(64, true, true), new JsonLineDecoder(new FrameCodec()));

  private void write(String s) {
    channel.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
  }

  private ClientFrame nextFrame() {
    Decoded d = channel.readInbound();
    assertThat(d).isInstanceOf(Decoded.Frame.class);
    return ((Decoded.Frame) d).frame();
  }

  @Test
  void aFrameSplitAcrossReadsIsDecodedOnceWhole() {
    write("{\"type\":\"pi");
    assertThat((Object) channel.readInbound()).isNull();
    write("ng\",\"ref\":\"a\"}\n");
    assertThat(nextFrame()).isEqualTo(new ClientFrame.Ping("a"));
  }

  @Test
  void crlfAndSeveralFramesInOneReadAreAccepted() {
    write("{\"type\":\"ping\",\"ref\":\"1\"}\r\n{\"type\":\"ping\",\"ref\":\"2\"}\n");
    assertThat(nextFrame().ref()).isEqualTo("1");
    assertThat(nextFrame().ref()).isEqualTo("2");
  }

  @Test
  void blankLinesAreSkipped() {
    write("\n  \r\n{\"type\":\"ping\"}\n");
    assertThat(nextFrame()).isEqualTo(new ClientFrame.Ping(null));
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void invalidUtf8BecomesARejectionNotAnException() {
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'{', (byte) 0xC3, 0x28, '}', '\n'}));
    Decoded d = channel.readInbound();
    assertThat(d).isInstanceOfSatisfying(
        Decoded.Rejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void anOverlongLineFailsFastWithTooLongFrame() {
    Assertions.assertThatThrownBy(() -> write("x".repeat(100)))
        .isInstanceOf(TooLongFrameException.class);
    channel.finishAndReleaseAll();
  }
}
