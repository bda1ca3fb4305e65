package dev.parley.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-built server frame, read back by Netty's own client-side decoder. */
class UnmaskedTextFrameTest {
  private final FrameCodec codec = new FrameCodec();

  @ParameterizedTest
  @ValueSource(ints = {0, 100, 125, 126, 1000, 65_535, 65_536, 200_000})
  void nettysDecoderReadsTheSameTextBack(int textLength) {
    // The JSON around the text is some 70 bytes, so these lengths cross every length form.
    EncodedFrame frame =
        codec.encode(new ServerFrame.Msg("lobby", 1, "ann", "x".repeat(textLength), 1_700_000_000_000L));
    ByteBuf wire = HttpChannelInitializer.unmaskedTextFrame(frame, Unpooled.buffer());

    var client = new EmbeddedChannel(new WebSocket13FrameDecoder(
        WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
    client.writeInbound(wire);
    TextWebSocketFrame read = client.readInbound();

    assertThat(read.isFinalFragment()).isTrue();
    assertThat(read.text()).isEqualTo(frame.toString());
    assertThat((Object) client.readInbound()).isNull();
    read.release();
    client.finishAndReleaseAll();
  }
}
