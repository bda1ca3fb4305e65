package dev.parley.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedFrameBytesTest {
  private final FrameCodec codec = new FrameCodec();
  /** Unpooled, so that a released copy is not handed out again as the next one. */
  private final SharedFrameBytes lines = SharedFrameBytes.lines(new UnpooledByteBufAllocator(true));
  private final EventExecutor connectionThread = new DefaultEventLoop();

  @AfterEach
  void stop() {
    connectionThread.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void onAConnectionThreadEveryConnectionOfAFrameSharesOneOffHeapCopy() throws Exception {
    EncodedFrame first = codec.encode(new ServerFrame.Pong(null));
    EncodedFrame second = codec.encode(new ServerFrame.Ping());
    List<ByteBuf> written = new ArrayList<>();
    connectionThread.submit(() -> {
      written.add((ByteBuf) lines.apply(first));
      written.add((ByteBuf) lines.apply(first));
    }).sync();

    ByteBuf a = written.get(0);
    ByteBuf b = written.get(1);
    assertThat(a.isDirect()).isTrue();
    assertThat(a.memoryAddress()).isEqualTo(b.memoryAddress());
    assertThat(a.toString(StandardCharsets.UTF_8)).isEqualTo(new String(first.line(), StandardCharsets.UTF_8));
    a.skipBytes(3); // one connection's progress does not move the other's
    assertThat(b.readableBytes()).isEqualTo(first.line().length);

    ByteBuf copy = root(a);
    a.release();
    b.release();
    assertThat(copy.refCnt()).isEqualTo(1); // the thread still holds the last frame
    connectionThread.submit(() -> written.add((ByteBuf) lines.apply(second))).sync();
    assertThat(copy.refCnt()).isZero(); // a new frame lets the old copy go
    assertThat(written.get(2).toString(StandardCharsets.UTF_8))
        .isEqualTo(new String(second.line(), StandardCharsets.UTF_8));
    written.get(2).release();
  }

  private static ByteBuf root(ByteBuf b) {
    while (b.unwrap() != null) {
      b = b.unwrap();
    }
    return b;
  }

  @Test
  void offAConnectionThreadTheFramesOwnBytesAreWrapped() {
    EncodedFrame frame = codec.encode(new ServerFrame.Pong(null));
    ByteBuf out = (ByteBuf) lines.apply(frame);
    assertThat(out.isDirect()).isFalse();
    assertThat(out.array()).isSameAs(frame.line());
  }
}
