package dev.parley.server.transport;

import dev.parley.protocol.EncodedFrame;
import dev.parley.server.session.Outbound;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A session's way out through a Netty channel. {@code wrap} turns a shared encoded frame into
 * the transport's message (for TCP, a buffer over the same bytes), so a fan-out copies nothing.
 * Flushes from other threads are merged by the pipeline's flush consolidation.
 */
public final class ChannelOutbound implements Outbound {
  /** How long a closing connection gets to take its last frame before it is cut. */
  private static final long LAST_FRAME_GRACE_MS = 1000;

  private final Channel channel;
  private final Function<EncodedFrame, Object> wrap;

  public ChannelOutbound(Channel channel, Function<EncodedFrame, Object> wrap) {
    this.channel = channel;
    this.wrap = wrap;
  }

  @Override
  public void send(EncodedFrame frame) {
    channel.writeAndFlush(wrap.apply(frame), channel.voidPromise());
  }

  @Override
  public void closeAfter(EncodedFrame last) {
    channel.writeAndFlush(wrap.apply(last)).addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(() -> channel.close(), LAST_FRAME_GRACE_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    channel.close();
  }

  @Override
  public Executor executor() {
    return channel.eventLoop();
  }

  @Override
  public boolean inExecutor() {
    return channel.eventLoop().inEventLoop();
  }

  @Override
  public String remoteAddress() {
    return String.valueOf(channel.remoteAddress());
  }
}
